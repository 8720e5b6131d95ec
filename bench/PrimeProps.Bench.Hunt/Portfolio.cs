using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Bench.Hunt;

/// <summary>One way to search a scenario's schedules: the runs it makes, in order, from one seed.</summary>
/// <param name="Seeded">False for a systematic search, which makes the same runs from every seed.</param>
internal sealed record SearchStrategy(string Name, bool Seeded, Func<ulong, IEnumerable<RunResult>> Runs);

/// <summary>The scheduling strategies under comparison, each on v3.6 and capped at <see cref="MaxRuns"/> runs.</summary>
internal static class Portfolio
{
    public const int MaxRuns = 10_000;

    public static IReadOnlyList<SearchStrategy> For(Scenario scenario)
    {
        // PCT's k: the length of the run the fallback alone schedules.
        int k = Executor.Run(scenario, new V3_6()).Steps;
        return
        [
            new("random", true, seed => Sampled(scenario, seed, s => new RandomStrategy(s))),
            .. from d in new[] { 1, 2, 3 }
               select new SearchStrategy($"PCT d={d}", true, seed => Sampled(scenario, seed, s => new PctStrategy(s, d, k))),
            .. from bound in new[] { 0, 1, 2 }
               select new SearchStrategy($"exhaustive b={bound}", false, _ => PreemptionBoundedExplorer.Explore(scenario, () => new V3_6(), bound, MaxRuns)),
        ];
    }

    /// <summary>Independent runs, each under a fresh strategy seeded from one stream.</summary>
    private static IEnumerable<RunResult> Sampled(Scenario scenario, ulong seed, Func<ulong, ISchedulingStrategy> strategy)
    {
        var seeds = new SplitMix64(seed);
        for (int i = 0; i < MaxRuns; i++)
            yield return Executor.Run(scenario, new V3_6(), strategy(seeds.NextUInt64()));
    }
}
