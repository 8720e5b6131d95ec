using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

/// <summary>check's search: the same findings for any number of jobs, any split into shards, and a time-limited prefix.</summary>
public class CheckerTests
{
    private static CheckReport Check(string protocol, int scenarios, ulong seed, int jobs = 1, Shard? shard = null, TimeSpan? time = null)
        => new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions
        {
            Scenarios = scenarios, Seed = seed, Jobs = jobs, Shard = shard ?? Shard.Whole, TimeLimit = time,
        }).Run();

    /// <summary>Everything a report says, as text: findings with their shrunk repros and counts, coverage, totals.</summary>
    private static string Describe(CheckReport r)
        => string.Join("\n", [
            $"{r.Scenarios} {r.IndexLimit} {r.Runs} {r.Steps}",
            .. r.Findings.Select(f => $"{f.Identity} @{f.ScenarioIndex} x{f.Scenarios} {f.Strategy} {f.ShrinkRuns}\n{ScenarioPrinter.Print(f.Shrunk.Scenario)}"),
            string.Join(",", r.Coverage.Overlaps), string.Join(",", r.Coverage.Results), string.Join(",", r.Coverage.Faults),
        ]);

    [Fact]
    public void Two_jobs_give_exactly_what_one_job_gives()
    {
        var one = Check("v3.6", 200, 12, jobs: 1);
        var two = Check("v3.6", 200, 12, jobs: 2);

        Assert.True(one.Findings.Count >= 2, $"{one.Findings.Count} findings: the comparison needs something found");
        Assert.Equal(Describe(one), Describe(two));
    }

    [Fact]
    public void The_shards_of_a_run_together_find_what_the_whole_run_finds()
    {
        var whole = Check("seed-2012", 150, 5);
        var shards = Enumerable.Range(0, 3).Select(i => Check("seed-2012", 150, 5, shard: new Shard(i, 3))).ToList();

        Assert.NotEmpty(whole.Findings);
        Assert.Equal(150, shards.Sum(s => s.Scenarios));
        Assert.Equal(whole.Runs, shards.Sum(s => s.Runs));
        var merged = shards.SelectMany(s => s.Findings).GroupBy(f => f.Identity)
            .Select(g => (Identity: g.Key, First: g.Min(f => f.ScenarioIndex), Scenarios: g.Sum(f => f.Scenarios),
                Repro: ScenarioPrinter.Print(g.MinBy(f => f.ScenarioIndex)!.Shrunk.Scenario)))
            .OrderBy(x => x.First).ThenBy(x => x.Identity.ToString(), StringComparer.Ordinal).ToList();
        // Two identities first met in one scenario come in the order its runs met them; the merge sorts them by name.
        var expected = whole.Findings.Select(f => (f.Identity, f.ScenarioIndex, f.Scenarios, ScenarioPrinter.Print(f.Shrunk.Scenario)))
            .OrderBy(x => x.ScenarioIndex).ThenBy(x => x.Identity.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, merged);
        Assert.All(shards[1].Findings, f => Assert.Equal(1, f.ScenarioIndex % 3));
    }

    [Fact]
    public void A_time_limited_run_says_how_many_scenarios_ran_and_that_many_repeat_it_exactly()
    {
        var timed = Check("v3.6", int.MaxValue, 3, jobs: 2, time: TimeSpan.FromMilliseconds(300));

        Assert.True(timed.TimeUp);
        Assert.Equal(timed.Scenarios, timed.IndexLimit);
        var repeated = Check("v3.6", timed.IndexLimit, 3);
        Assert.False(repeated.TimeUp);
        Assert.Equal(Describe(timed), Describe(repeated));
    }

    [Fact]
    public void Each_identity_is_kept_once_at_its_lowest_scenario_and_the_rest_are_counted()
    {
        var report = Check("v3.6", 300, 1);

        Assert.Equal(report.Findings.Count, report.Findings.Select(f => f.Identity).Distinct().Count());
        Assert.Contains(report.Findings.GroupBy(f => f.Identity.Oracle), g => g.Count() > 1); // one oracle, several functions: kept apart
        Assert.Contains(report.Findings, f => f.Scenarios > 1);
        var checker = new Checker(() => new V3_6(), new CheckOptions { Scenarios = 300, Seed = 1 });
        var identities = Enumerable.Range(0, 300).Select(i => checker.Explore(i).Failures.Select(x => x.Identity).ToList()).ToList();
        foreach (var f in report.Findings)
        {
            Assert.Equal(f.Identity, FindingIdentity.Of(f.Violation)); // the shrinker kept it
            var failing = Enumerable.Range(0, 300).Where(i => identities[i].Contains(f.Identity)).ToList();
            Assert.Equal(f.ScenarioIndex, failing[0]);
            Assert.Equal(f.Scenarios, failing.Count);
        }
    }
}
