using System.Runtime.CompilerServices;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Search;

namespace PrimeProps.Tests.Golden;

/// <summary>
/// For every built-in protocol, 100 fixed seeds: generated scenario, random schedule, full
/// trace, hashed. The hashes are checked in (golden-traces.txt); CI runs on a fresh machine,
/// so a pass there is also bit-for-bit replay across machines. After a deliberate model
/// change, regenerate with
///   PRIMEPROPS_UPDATE_GOLDEN=1 dotnet test tests/PrimeProps.Tests --filter GoldenTrace
/// and the diff of the file shows which seeds changed.
/// </summary>
public class GoldenTraceTests
{
    private const int Seeds = 100;

    private static string Compute()
    {
        var sb = new StringBuilder("# protocol seed steps trace-hash (see GoldenTraceTests.cs to regenerate)\n");
        foreach (var protocol in ProtocolRegistry.Names)
        {
            // Each protocol's scenarios draw the calls its kernel has, as check draws them.
            var generator = new ScenarioGenerator(new GeneratorOptions().ForOps(ProtocolRegistry.Create(protocol).Ops));
            for (ulong seed = 0; seed < Seeds; seed++)
            {
                var scenario = generator.Generate(new SplitMix64(seed));
                var run = Executor.Run(scenario, ProtocolRegistry.Create(protocol), new RandomStrategy(seed));
                sb.Append($"{protocol} {seed} {run.Steps} {run.Trace.Hash():x16}\n");
            }
        }
        return sb.ToString();
    }

    private static string GoldenFile([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden-traces.txt");

    [Fact]
    public void Every_golden_trace_hash_is_unchanged()
    {
        var actual = Compute();
        if (Environment.GetEnvironmentVariable("PRIMEPROPS_UPDATE_GOLDEN") == "1")
            File.WriteAllText(GoldenFile(), actual);

        var expected = File.ReadAllText(GoldenFile()).Replace("\r\n", "\n").Split('\n');
        var lines = actual.Split('\n');
        var changed = lines.Zip(expected).Where(p => p.First != p.Second).Select(p => $"now '{p.First}', golden '{p.Second}'").ToList();
        Assert.True(changed.Count == 0 && lines.Length == expected.Length,
            $"{changed.Count} trace(s) changed (a deliberate model change? see GoldenTraceTests.cs): {string.Join("; ", changed.Take(5))}");
        Assert.Equal(ProtocolRegistry.Names.Count() * Seeds + 2, lines.Length); // header and final newline
    }

    /// <summary>A model with hidden state that survives between runs: the second run differs.</summary>
    private sealed class LeakyStatic : V3_6
    {
        private static int runs;

        protected internal override async KTask<int> drm_gem_close_ioctl(DrmDevice dev, DrmFile file_priv, uint handle)
        {
            if (runs++ % 2 == 1)
                await shared("an extra step only every other run");
            return await base.drm_gem_close_ioctl(dev, file_priv, handle);
        }
    }

    [Fact]
    public void A_run_that_does_not_replay_the_same_way_is_a_framework_bug_not_a_finding()
    {
        var run = Executor.Run(Corpus.Load("catalog", "row4-export-vs-gem-close.scn"), new LeakyStatic());

        var error = Assert.Throws<NondeterminismException>(() => DeterminismCheck.Replay(run, () => new LeakyStatic()));
        Assert.Contains("not reproducible at event", error.Message);
        Assert.Contains("an extra step only every other run", error.Message);
    }

    [Fact]
    public void Every_finding_of_a_check_replays_the_same_way()
    {
        var report = new Checker(() => new V3_6(), new CheckOptions { Scenarios = 200, Seed = 1 }).Run();
        Assert.NotEmpty(report.Findings); // each replayed inside Run before it was reported
        foreach (var f in report.Findings)
            Assert.Equal(f.Shrunk.Trace.Hash(), Executor.Run(f.Shrunk.Scenario, new V3_6()).Trace.Hash());
    }
}
