using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Runtime;
using PrimeProps.Search;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Fuzzing;

/// <summary>
/// The extra schedules of one fuzzer execution: PCT at depths 2 and 3 in turn (a random thread
/// order and one or two priority changes, that is preemptions at random steps), seeded from the input's bytes
/// so the same input always runs the same schedules and a crash replays. A scenario whose
/// own run never had two runnable threads has no other schedule, and gets none. With
/// <see cref="FuzzOptions.Portfolio"/>, check's portfolio instead.
/// </summary>
/// <remarks>
/// Why PCT and not the whole preemption-bound-1 space: that space grows with the steps (tens
/// to hundreds of runs), while the fuzzer mutates the ops anyway; a few cheap samples per
/// input keep the execution rate up (bench/results/fuzzing.md measures the trade).
/// </remarks>
internal static class ScheduleSearch
{
    /// <summary>PCT depths in turn: one preemption, then two (catalog row 2 needs two: T0 T1*6 T0).</summary>
    private static readonly int[] Depths = [2, 3];

    public static IEnumerable<RunResult> Runs(Scenario scenario, Func<LinuxKernel> protocol, RunResult own, FuzzOptions options, ReadOnlySpan<byte> input)
    {
        if (options.Portfolio > 0)
            return TwoThreadsRan(own) ? Portfolio(scenario, protocol, options.Portfolio, Fnv(input)) : [];
        return Runs(scenario, protocol, own, options.Schedules, input);
    }

    /// <summary>Check's schedules for one scenario, seeded from the input (lazily: the caller stops at the first failure).</summary>
    private static IEnumerable<RunResult> Portfolio(Scenario scenario, Func<LinuxKernel> protocol, int budget, ulong seed)
        => SchedulePortfolio.Runs(scenario, protocol, new SplitMix64(seed), new PortfolioOptions { Budget = budget }, new RunOptions()).Select(r => r.Run);

    public static IEnumerable<RunResult> Runs(Scenario scenario, Func<LinuxKernel> protocol, RunResult own, int count, ReadOnlySpan<byte> input)
    {
        if (count == 0 || !TwoThreadsRan(own))
            return [];
        var seeds = new SplitMix64(Fnv(input));
        var runs = new List<RunResult>(count);
        for (int i = 0; i < count; i++)
        {
            var run = Executor.Run(scenario, protocol(), new PctStrategy(seeds.NextUInt64(), Depths[i % Depths.Length], Math.Max(1, own.Steps)));
            runs.Add(run);
            if (run.Failed)
                break;
        }
        return runs;
    }

    /// <summary>Whether the concurrent phase ran more than one thread (only then can another schedule differ).</summary>
    private static bool TwoThreadsRan(RunResult run)
    {
        for (int i = 1; i < run.Choices.Count; i++)
            if (run.Choices[i] != run.Choices[0])
                return true;
        return false;
    }

    private static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        ulong h = 14695981039346656037UL;
        foreach (var b in bytes)
            h = (h ^ b) * 1099511628211UL;
        return h;
    }
}
