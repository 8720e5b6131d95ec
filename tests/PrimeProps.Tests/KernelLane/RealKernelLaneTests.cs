using PrimeProps.KernelLane;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.KernelLane;

/// <summary>
/// The lane on the real kernel (Linux under qemu, prepared by scripts/kernel-lane.sh). Fails,
/// never skips, when the preparation is missing: run it with --filter "Category=kernel", leave
/// it out with --filter "Category!=kernel". The cache root is PRIMEPROPS_KERNEL_LANE, else the
/// repository's .cache/kernel-lane; the kernel is Debian's 6.1.
/// </summary>
[Trait("Category", "kernel")]
public class RealKernelLaneTests
{
    internal static LaneCache Cache()
    {
        var dir = Environment.GetEnvironmentVariable("PRIMEPROPS_KERNEL_LANE");
        if (string.IsNullOrEmpty(dir))
            dir = Path.Combine(RepositoryRoot.Require(), LaneCache.DefaultRoot);
        var cache = new LaneCache(dir, LaneKernel.Default);
        var missing = cache.Missing();
        Assert.True(missing.Count == 0, "the kernel lane is not prepared (run scripts/kernel-lane.sh as root); missing: " + string.Join("; ", missing));
        return cache;
    }

    [Fact]
    public void Every_corpus_scenario_and_2000_random_ones_give_the_kernel_results_in_the_modern_model()
    {
        var cache = Cache();
        var (corpus, _) = LaneScenario.FromDirectories([Corpus.Dir("igt"), Corpus.Dir("catalog")]);

        var report = KernelLaneRun.Run(cache, [.. corpus, .. LaneScenario.Random(seed: 1, count: 2000)], () => new Modern(), batchSize: 1000, TimeSpan.FromSeconds(300));

        Assert.StartsWith("6.", report.KernelRelease);
        Assert.Equal(corpus.Count + 2000, report.Scenarios);
        Assert.True(report.Mismatches.Count == 0, string.Join("\n", report.Mismatches));
    }
}
