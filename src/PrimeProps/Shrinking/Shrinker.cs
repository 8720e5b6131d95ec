using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Makes a failing scenario smaller while it keeps failing the same way (<see cref="FailureSignature"/>:
/// the same oracle in the same kernel function). Passes run to
/// a fixed point, in this order: whole threads, ops (each with the ops that use its result),
/// faults, then the schedule (a shorter prefix, fewer preemptions). Every candidate is re-run
/// with the schedule that its parent's failing run actually took, so shrinking never depends
/// on luck. The result is 1-minimal with respect to these removals.
/// </summary>
public sealed class Shrinker(Func<LinuxKernel> protocol, RunOptions? options = null)
{
    private readonly Dictionary<string, RunResult?> memo = [];

    /// <summary>Candidates tried (memoized runs count once).</summary>
    public int Runs { get; private set; }

    /// <summary>The smallest failing run found; when cancelled, the best one so far.</summary>
    public RunResult Shrink(RunResult failing, CancellationToken cancel = default)
    {
        var signature = FailureSignature.Of(failing.Violation ?? throw new ArgumentException("the run did not fail"));
        var best = Try(failing.WithTakenSchedule(), signature) ?? failing;
        bool progress = true;
        while (progress && !cancel.IsCancellationRequested)
        {
            progress = false;
            foreach (var pass in ShrinkPasses.All)
            {
                foreach (var candidate in pass.Candidates(best).TakeWhile(_ => !cancel.IsCancellationRequested))
                {
                    if (Try(candidate, signature) is { } smaller && ScenarioSize.Of(smaller) < ScenarioSize.Of(best))
                    {
                        best = smaller;
                        progress = true;
                        break; // restart this pass on the new best
                    }
                }
            }
        }
        return best;
    }

    private RunResult? Try(Scenario candidate, FailureSignature signature)
    {
        var key = ScenarioKey.Of(candidate);
        if (!memo.TryGetValue(key, out var result))
        {
            Runs++;
            var run = Executor.Run(candidate, protocol(), options: options);
            result = signature.Matches(run) ? run with { Scenario = run.WithTakenSchedule() } : null;
            memo[key] = result;
        }
        return result;
    }
}
