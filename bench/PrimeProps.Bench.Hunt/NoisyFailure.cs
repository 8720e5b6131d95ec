using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Bench.Hunt;

/// <summary>
/// Shrinking measured from a noisy failure rather than from the catalog's already-minimal file:
/// the row's scenario with a generated scenario's ops mixed in (its own drm files and objects on
/// the same device, each thread's noise before the row's ops), hunted by random schedules until
/// the row's oracle fires, then shrunk.
/// </summary>
internal sealed record NoisyShrink(bool Found, int NoisyOps, ScenarioSize? Shrunk, int ShrinkRuns, double ShrinkMs)
{
    private static readonly GeneratorOptions Noise = new() { MaxDevices = 1, MaxOpsPerThread = 4, FaultPercent = 0 };

    public static NoisyShrink For(CatalogRow row, ulong seed)
    {
        var noisy = WithNoise(row.Scenario, new ScenarioGenerator(Noise with { MaxThreads = Math.Max(1, row.Scenario.Threads.Count) }).Generate(new SplitMix64(seed)));
        var schedules = new SplitMix64(seed ^ 0x5DEECE66DUL);
        for (int i = 0; i < Portfolio.MaxRuns; i++)
        {
            var run = Executor.Run(noisy, new V3_6(), new RandomStrategy(schedules.NextUInt64()));
            if (run.Violation?.Oracle != row.Expected)
                continue;
            var shrinker = new Shrinker(() => new V3_6());
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var shrunk = shrinker.Shrink(run);
            return new NoisyShrink(true, noisy.OpCount, ScenarioSize.Of(shrunk), shrinker.Runs, clock.Elapsed.TotalMilliseconds);
        }
        return new NoisyShrink(false, noisy.OpCount, null, 0, 0);
    }

    /// <summary>The row's scenario with the noise's ops renamed apart and put on the row's first device.</summary>
    public static Scenario WithNoise(Scenario row, Scenario noise)
    {
        var device = row.Devices[0].Name;
        IReadOnlyList<Op> Renamed(IEnumerable<Op> ops) => [.. ops.Select(op => new Op(op.Kind, op.Result is null ? null : "noise_" + op.Result,
            [.. op.Args.Select(a => a.Kind == ValueKind.Device ? a with { Var = device } : a.Var is null ? a : a with { Var = "noise_" + a.Var })]))];
        var threads = row.Threads.Select((t, i) => t with { Ops = [.. (i < noise.Threads.Count ? Renamed(noise.Threads[i].Ops) : []), .. t.Ops] }).ToList();
        return row with { Setup = [.. Renamed(noise.Setup), .. row.Setup], Threads = threads, Schedule = [] };
    }
}
