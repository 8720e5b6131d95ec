using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Search;

/// <summary>How many schedules each scenario gets, and when the systematic search is worth it.</summary>
public sealed record PortfolioOptions
{
    /// <summary>
    /// Runs (schedules) per scenario at most; 1 runs the fallback schedule only. The default
    /// keeps `check`'s 2,000 scenarios per protocol within a few seconds on two cores
    /// (bench/results/check-time.md).
    /// </summary>
    public int Budget { get; init; } = 24;

    /// <summary>The preemption-bounded search (bound 1) runs whole when its schedules fit in this share (percent) of the budget.</summary>
    public int ExhaustivePercent { get; init; } = 75;
}

/// <summary>One run of a portfolio and the strategy that scheduled it ("PCT d=2", ...).</summary>
public sealed record ScheduledRun(RunResult Run, string Strategy);

/// <summary>
/// The schedules one scenario is run under, in a fixed order, all derived from one seed
/// stream: first the fallback schedule (run to completion, lowest thread first); then, when
/// the scenario is small enough, every schedule with one preemption (systematic, so the
/// common one-preemption races are found for certain rather than by luck); then, for the rest
/// of the budget, samples: PCT at depth 2 and 3 and uniformly random choices, which also
/// reach bugs that need two or more preemptions, and PCT at depth 1 (a random thread order
/// without preemptions) when the systematic search did not run.
/// </summary>
/// <remarks>
/// A scenario in which no step ever had two runnable threads has one schedule only, so it
/// stops after the first run; a third of the generated scenarios have one thread.
/// </remarks>
public static class SchedulePortfolio
{
    public static IEnumerable<ScheduledRun> Runs(Scenario scenario, Func<LinuxKernel> protocol, SplitMix64 seeds, PortfolioOptions portfolio, RunOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(portfolio.Budget, 1);
        var explorer = new PreemptionBoundedExplorer(scenario, protocol, 1, options);
        using var systematic = explorer.Runs().GetEnumerator();
        systematic.MoveNext();
        var fallback = systematic.Current;
        yield return new ScheduledRun(fallback, "fallback");

        int left = portfolio.Budget - 1;
        if (explorer.Pending == 0)
            yield break;
        bool exhaustive = explorer.Pending <= left * portfolio.ExhaustivePercent / 100;
        if (exhaustive)
        {
            while (systematic.MoveNext())
            {
                yield return new ScheduledRun(systematic.Current, "preemption bound 1");
                left--;
            }
        }
        for (int i = 0; left > 0; i++, left--)
        {
            var (name, strategy) = Sample(i, exhaustive, seeds.NextUInt64(), fallback.Steps);
            yield return new ScheduledRun(Executor.Run(scenario, protocol(), strategy, options), name);
        }
    }

    /// <summary>The i-th sampled schedule: after a whole bound-1 search, deeper PCT and random only.</summary>
    private static (string Name, ISchedulingStrategy Strategy) Sample(int i, bool afterExhaustive, ulong seed, int steps)
    {
        if (!afterExhaustive && i == 0)
            return ("PCT d=1", new PctStrategy(seed, 1, steps));
        int slot = afterExhaustive ? i % 2 + 1 : i % 3;
        return slot switch
        {
            0 => ("PCT d=2", new PctStrategy(seed, 2, steps)),
            1 => ("PCT d=3", new PctStrategy(seed, 3, steps)),
            _ => ("random", new RandomStrategy(seed)),
        };
    }
}
