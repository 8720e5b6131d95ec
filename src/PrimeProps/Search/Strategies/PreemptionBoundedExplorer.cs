using PrimeProps.Protocols;
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
/// therefore generated once only, and two runs never take the same schedule.
/// </remarks>
public static class PreemptionBoundedExplorer
{
    /// <summary>Every schedule with at most <paramref name="bound"/> preemptions, in a fixed order, up to <paramref name="maxRuns"/> runs.</summary>
    /// <param name="branchBelow">Optional pruning: a run's children preempt only at choices below the index it returns (a search for a given outcome stops branching where the run already went wrong).</param>
    /// <param name="options">Run options of every run (default: the executor's).</param>
    public static IEnumerable<RunResult> Explore(Scenario scenario, Func<LinuxKernel> protocol, int bound, int maxRuns, Func<RunResult, int>? branchBelow = null, RunOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        var pending = new Stack<int[]>();
        pending.Push([]);
        for (int runs = 0; runs < maxRuns && pending.Count > 0; runs++)
        {
            var prefix = pending.Pop();
            var recorder = new RecordingStrategy(new ScriptedStrategy(prefix));
            var run = Executor.Run(scenario, protocol(), recorder, options);
            yield return run;
            if (run.Preemptions >= bound)
                continue;
            // Pushed last step first so the earliest preemption is explored next.
            for (int step = Math.Min(run.Choices.Count, branchBelow?.Invoke(run) ?? int.MaxValue) - 1; step >= prefix.Length; step--)
            {
                var runnable = recorder.RunnableSets[step];
                for (int i = runnable.Length - 1; i >= 0; i--)
                    if (runnable[i] != run.Choices[step])
                        pending.Push([.. run.Choices.Take(step), runnable[i]]);
            }
        }
    }
}
