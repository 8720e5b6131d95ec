using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Tests.Search;

public class SchedulePortfolioTests
{
    private static Scenario Unscheduled(string file) => Corpus.Load("catalog", file) with { Schedule = [] };

    private static List<ScheduledRun> Portfolio(Scenario scenario, int budget, ulong seed = 1, Func<LinuxKernel>? protocol = null)
        => [.. SchedulePortfolio.Runs(scenario, protocol ?? (() => new Seed2012()), new SplitMix64(seed), new PortfolioOptions { Budget = budget }, new RunOptions())];

    [Fact]
    public void A_scenario_with_one_schedule_only_is_run_once()
    {
        var sequential = TestScenarios.Sequential("A = open d0", "h = create_dumb A", "fd = handle_to_fd A h");
        var runs = Portfolio(sequential, 24);
        Assert.Equal("fallback", Assert.Single(runs).Strategy);
    }

    [Fact]
    public void A_small_scenario_gets_every_one_preemption_schedule_then_samples_up_to_the_budget()
    {
        var row1 = Unscheduled("row1-export-vs-last-fd-close.scn");
        int bound1 = PreemptionBoundedExplorer.Explore(row1, () => new Seed2012(), 1, 10_000).Count();
        Assert.InRange(bound1, 2, 17); // fits in 75% of 23

        var runs = Portfolio(row1, 24);

        Assert.Equal(24, runs.Count);
        Assert.Equal("fallback", runs[0].Strategy);
        Assert.Equal(bound1 - 1, runs.Count(r => r.Strategy == "preemption bound 1"));
        Assert.All(runs.Skip(bound1), r => Assert.Contains(r.Strategy, new[] { "PCT d=3", "random" }));
        var systematic = runs.Take(bound1).Select(r => string.Join(',', r.Run.Choices));
        Assert.Equal(PreemptionBoundedExplorer.Explore(row1, () => new Seed2012(), 1, 10_000).Select(r => string.Join(',', r.Choices)), systematic);
    }

    [Fact]
    public void A_scenario_too_big_for_the_budget_gets_pct_at_depths_1_to_3_and_random_samples()
    {
        var row2 = Unscheduled("row2-two-files-export-race.scn");

        var runs = Portfolio(row2, 8);

        Assert.Equal(["fallback", "PCT d=1", "PCT d=3", "random", "PCT d=2", "PCT d=3", "random", "PCT d=2"], runs.Select(r => r.Strategy));
    }

    [Fact]
    public void The_same_seed_gives_the_same_schedules_and_another_seed_other_samples()
    {
        var row2 = Unscheduled("row2-two-files-export-race.scn");
        string Schedules(ulong seed) => string.Join(" / ", Portfolio(row2, 12, seed).Select(r => string.Join(',', r.Run.Choices)));

        Assert.Equal(Schedules(5), Schedules(5));
        Assert.NotEqual(Schedules(5), Schedules(6));
    }

    [Theory]
    [InlineData("row1-export-vs-last-fd-close.scn", "GetOnZero")]
    [InlineData("row3-close-before-bookkeeping.scn", "DanglingPointer")]
    public void The_default_budget_finds_the_one_preemption_races_of_v3_6_for_certain(string file, string oracle)
    {
        var runs = Portfolio(Unscheduled(file), new PortfolioOptions().Budget, protocol: () => new V3_6());
        Assert.Contains(runs, r => r.Strategy == "preemption bound 1" && r.Run.Violation?.Oracle.ToString() == oracle);
    }
}
