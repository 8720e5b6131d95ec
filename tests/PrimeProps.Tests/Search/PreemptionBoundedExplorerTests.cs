using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Tests.Search;

public class PreemptionBoundedExplorerTests
{
    private const int Cap = 10_000;

    private static Scenario Unscheduled(string file) => Corpus.Load("catalog", file) with { Schedule = [] };

    private static string Key(RunResult run) => string.Join(',', run.Choices);

    [Fact]
    public void Bound_0_runs_only_the_fallback_schedule()
    {
        // Row 1 has two threads, both runnable from the start, so two run-to-completion orders.
        // Starting with T1 already differs from the fallback (lowest runnable first): that order
        // costs one preemption, so bound 0 leaves one run and bound 1 adds the other order.
        var scenario = Unscheduled("row1-export-vs-last-fd-close.scn");

        var bound0 = Assert.Single(PreemptionBoundedExplorer.Explore(scenario, () => new Seed2012(), 0, Cap));
        var bound1 = PreemptionBoundedExplorer.Explore(scenario, () => new Seed2012(), 1, Cap);

        Assert.Equal(Executor.Run(scenario, new Seed2012()).Choices, bound0.Choices);
        Assert.Equal([0, 1], Scenario.Compress(bound0.Choices).Select(b => b.Thread));
        Assert.Contains(bound1, r => Scenario.Compress(r.Choices).Select(b => b.Thread).SequenceEqual([1, 0]));
    }

    public static TheoryData<string, int> RowsAndBounds()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "row1-export-vs-last-fd-close.scn", "row2-two-files-export-race.scn", "row3-close-before-bookkeeping.scn" })
            for (int bound = 0; bound <= 2; bound++)
                data.Add(file, bound);
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndBounds))]
    public void Every_run_stays_within_the_bound_and_no_schedule_repeats(string file, int bound)
    {
        var runs = PreemptionBoundedExplorer.Explore(Unscheduled(file), () => new V3_6(), bound, Cap).ToList();

        Assert.All(runs, r => Assert.InRange(r.Preemptions, 0, bound));
        Assert.Equal(runs.Count, runs.Select(Key).Distinct().Count());
    }

    [Theory]
    [InlineData("row1-export-vs-last-fd-close.scn", OracleKind.GetOnZero)]
    [InlineData("row2-two-files-export-race.scn", OracleKind.TwoDmaBufsForOneObject)]
    [InlineData("row3-close-before-bookkeeping.scn", OracleKind.DanglingPointer)]
    public void Bound_2_finds_rows_1_to_3_on_v3_6(string file, OracleKind oracle)
    {
        var runs = PreemptionBoundedExplorer.Explore(Unscheduled(file), () => new V3_6(), 2, Cap);

        Assert.Contains(runs, r => r.Violation?.Oracle == oracle);
    }

    [Theory]
    [InlineData("row1-export-vs-last-fd-close.scn", 43)]
    [InlineData("row2-two-files-export-race.scn", 198)]
    [InlineData("row3-close-before-bookkeeping.scn", 37)]
    public void Bound_2_explores_all_of_rows_1_to_3_on_seed_2012_without_a_violation(string file, int schedules)
    {
        var scenario = Unscheduled(file);
        var runs = PreemptionBoundedExplorer.Explore(scenario, () => new Seed2012(), 2, Cap).ToList();

        Assert.Equal(schedules, runs.Count); // the whole enumeration, well under the cap
        Assert.True(runs.Count > 1);
        Assert.All(runs, r => Assert.Null(r.Violation));

        // Complete: every sampled schedule with at most 2 preemptions is among the explored ones.
        int k = Executor.Run(scenario, new Seed2012()).Steps;
        var explored = runs.Select(Key).ToHashSet();
        var sampled = (from seed in Enumerable.Range(0, 300)
                       from depth in new[] { 1, 2, 3 }
                       let run = Executor.Run(scenario, new Seed2012(), new PctStrategy((ulong)seed, depth, k))
                       where run.Preemptions <= 2
                       select Key(run)).ToHashSet();
        Assert.True(sampled.Count > 1);
        Assert.Subset(explored, sampled);
    }
}
