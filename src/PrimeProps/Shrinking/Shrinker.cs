using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Makes a failing scenario smaller (<see cref="ScenarioSize"/>) while it keeps failing the
/// same way (<see cref="FailureSignature"/>: the same oracle in the same kernel function). The passes (<see cref="ShrinkPasses.All"/>) run
/// in turn until none makes progress, so the result is 1-minimal under every pass: no single
/// candidate of any pass is smaller and still fails. Every candidate is re-run with the
/// schedule its parent's failing run actually took, so shrinking never depends on luck; runs
/// are memoized on the scenario's text.
/// </summary>
/// <param name="alsoRequire">An extra condition every accepted candidate's run must meet (patch review: the base must not fail the same way).</param>
public sealed class Shrinker(Func<LinuxKernel> protocol, RunOptions? options = null, Func<RunResult, bool>? alsoRequire = null)
{
    private readonly Dictionary<string, RunResult?> memo = [];
    private readonly Dictionary<string, int> successes = [];

    /// <summary>Candidates tried (memoized runs count once).</summary>
    public int Runs { get; private set; }

    /// <summary>How many times each pass made the scenario smaller, by pass name.</summary>
    public IReadOnlyDictionary<string, int> Successes => successes;

    /// <summary>The smallest failing run found; when cancelled, the best one so far.</summary>
    public RunResult Shrink(RunResult failing, CancellationToken cancel = default)
    {
        var signature = FailureSignature.Of(failing.Violation ?? throw new ArgumentException("the run did not fail"));
        unsetReads = UnsetReads.Count(failing.Scenario);
        var best = Try(failing.WithTakenSchedule(), signature) ?? failing;
        bool progress = true;
        while (progress && !cancel.IsCancellationRequested)
        {
            progress = false;
            foreach (var pass in ShrinkPasses.All)
            {
                foreach (var candidate in pass.Candidates(best, Execute).TakeWhile(_ => !cancel.IsCancellationRequested))
                {
                    if (Try(candidate, signature) is { } smaller && ScenarioSize.Of(smaller) < ScenarioSize.Of(best))
                    {
                        best = smaller;
                        successes[pass.Name] = successes.GetValueOrDefault(pass.Name) + 1;
                        progress = true;
                        break; // the other passes get the new best; this one comes round again
                    }
                }
            }
        }
        return best;
    }

    private RunResult Execute(Scenario scenario) => Executor.Run(scenario, protocol(), options: options);

    /// <summary>The failing scenario's reads of unset variables: no candidate may add one (<see cref="UnsetReads"/>).</summary>
    private int unsetReads;

    private RunResult? Try(Scenario candidate, FailureSignature signature)
    {
        if (UnsetReads.Count(candidate) > unsetReads)
            return null;
        var key = ScenarioKey.Of(candidate);
        if (!memo.TryGetValue(key, out var result))
        {
            Runs++;
            var run = Execute(candidate);
            result = signature.Matches(run) && (alsoRequire?.Invoke(run) ?? true) ? run with { Scenario = run.WithTakenSchedule() } : null;
            memo[key] = result;
        }
        return result;
    }
}
