using PrimeProps.KernelLane;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.KernelLane;

/// <summary>
/// Litmus runs on the real kernel (Debian's 6.1 with two vCPUs), a reduced form of
/// `primeprops kernel --concurrent -n 500 --runs 20`: every outcome the kernel produces must be
/// one the model can produce. Needs the lane prepared, like <see cref="RealKernelLaneTests"/>.
/// </summary>
[Trait("Category", "kernel")]
public class RealKernelConcurrentTests
{
    [Fact]
    public void Every_outcome_of_20_random_and_the_corpus_concurrent_scenarios_run_5_times_is_one_the_model_produces()
    {
        var cache = RealKernelLaneTests.Cache();
        var (corpus, _) = ConcurrentScenario.FromDirectories([Corpus.Dir("igt"), Corpus.Dir("catalog")]);
        var jobs = corpus.Concat(ConcurrentScenario.Random(seed: 1, count: 20)).Select(s => new ConcurrentJob(s, 5, ForkPerRun: true, [])).ToList();

        var report = LitmusRun.Run(cache, jobs, () => new Modern(), new ExplorationBudget(), batchSize: 1000, cpus: 2, TimeSpan.FromSeconds(600));

        Assert.StartsWith("6.1", report.KernelRelease);
        Assert.Empty(report.GuestErrors);
        Assert.All(report.Verdicts, v => Assert.True(v.Ran, v.Scenario.Label));
        Assert.Equal(jobs.Count * 5L, report.Verdicts.Sum(v => v.Histories));
        var outside = report.Verdicts.SelectMany(v => v.OutsideModel.Select(o => $"{v.Scenario.Label}: {o.Outcome}")).ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside));
    }

    [Fact]
    public void A_repro_of_the_reimport_window_counts_every_run_and_matches_each_outcome_with_the_model()
    {
        var cache = RealKernelLaneTests.Cache();
        var scenario = ConcurrentScenario.FromFile(Corpus.PathOf("catalog", "modern-reimport-returns-a-closing-handle.scn"), "reimport")!;

        var report = ReproRun.Run(cache, scenario, runs: 1000, batchRuns: 500, [], forkPerRun: false, () => new Modern(), new ExplorationBudget(), cpus: 2, TimeSpan.FromSeconds(600));

        Assert.Equal(1000, report.Runs);
        Assert.Equal(2, report.Batches);
        Assert.Empty(report.Verdict.KernelAlarms);
        Assert.Empty(report.Verdict.OutsideModel);
        // The window is rare (a few in 10,000 runs): only that it is recognised is certain.
        Assert.Equal(report.Verdict.Observed.Where(o => !o.Witness!.Linearizable).Sum(o => o.Count), report.Violating);
    }
}
