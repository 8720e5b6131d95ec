using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Search.Strategies;

/// <summary>
/// Systematic, CHESS-style: every schedule of one scenario with at most a given number of
/// preemptions, each run once, depth first. A preemption is a choice other than
/// <see cref="ScriptedStrategy.Fallback"/>, the same count as <see cref="RunResult.Preemptions"/>.
/// </summary>
/// <remarks>
/// M. Musuvathi, S. Qadeer, "Iterative Context Bounding for Systematic Testing of
/// Multithreaded Programs", PLDI 2007. Each run is a forced prefix of choices, ending in a
/// preemption, followed by the fallback; its children preempt at one later step. A prefix is
/// therefore generated once only, and two runs never take the same schedule. The first run is
/// the fallback schedule; right after it, <see cref="Pending"/> is the number of schedules
/// with exactly one preemption, so a caller can decide whether the space fits its budget.
/// </remarks>
public sealed class PreemptionBoundedExplorer(Scenario scenario, Func<LinuxKernel> protocol, int bound, RunOptions? options = null, Func<RunResult, int>? branchBelow = null)
{
    private readonly Stack<int[]> pending = new(new[] { Array.Empty<int>() });

    /// <summary>Schedules queued but not run yet (the bound's space is exhausted at 0).</summary>
    public int Pending => pending.Count;

    /// <summary>Every schedule with at most <paramref name="bound"/> preemptions, in a fixed order, up to <paramref name="maxRuns"/> runs.</summary>
    /// <param name="branchBelow">Optional pruning: a run's children preempt only at choices below the index it returns (a search for a given outcome stops branching where the run already went wrong).</param>
    public static IEnumerable<RunResult> Explore(Scenario scenario, Func<LinuxKernel> protocol, int bound, int maxRuns, Func<RunResult, int>? branchBelow = null, RunOptions? options = null)
        => new PreemptionBoundedExplorer(scenario, protocol, bound, options, branchBelow).Runs().Take(maxRuns);

    /// <summary>The runs, lazily: the caller may stop at any point and look at <see cref="Pending"/>.</summary>
    public IEnumerable<RunResult> Runs()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        while (pending.Count > 0)
        {
            var prefix = pending.Pop();
            var recorder = new RecordingStrategy(new ScriptedStrategy(prefix));
            var run = Executor.Run(scenario, protocol(), recorder, options);
            if (run.Preemptions < bound)
            {
                // Pushed last step first so the earliest preemption is explored next.
                for (int step = Math.Min(run.Choices.Count, branchBelow?.Invoke(run) ?? int.MaxValue) - 1; step >= prefix.Length; step--)
                {
                    var runnable = recorder.RunnableSets[step];
                    for (int i = runnable.Length - 1; i >= 0; i--)
                        if (runnable[i] != run.Choices[step])
                            pending.Push([.. run.Choices.Take(step), runnable[i]]);
                }
            }
            yield return run;
        }
    }
}
