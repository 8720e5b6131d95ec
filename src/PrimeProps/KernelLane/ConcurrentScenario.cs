using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.KernelLane;

/// <summary>
/// A concurrent scenario for the kernel lane: the setup, then every thread at once as real
/// pthreads; one native device (the guest has one vgem), no schedule (the kernel's scheduler
/// decides), no faults; labelled with where it came from.
/// </summary>
public sealed record ConcurrentScenario(string Label, Scenario Scenario)
{
    /// <summary>A scenario file with threads as a concurrent lane scenario (schedule and faults dropped, and said so); null when it has no threads or needs more than one vgem device.</summary>
    public static ConcurrentScenario? FromFile(string path, string label)
    {
        var s = ScenarioParser.ParseFile(path);
        if (s.Threads.Count == 0 || s.Devices.Count != 1 || s.Devices[0].Kind != DeviceKind.Native)
            return null;
        if (s.Faults.Count > 0)
            label += " (faults dropped)";
        return new ConcurrentScenario(label, s with { Schedule = [], Faults = [] });
    }

    /// <summary>Every .scn file with threads under <paramref name="dirs"/> (ordinal order) that the lane can run, and the names of those it cannot.</summary>
    public static (IReadOnlyList<ConcurrentScenario> Runnable, IReadOnlyList<string> Skipped) FromDirectories(IEnumerable<string> dirs)
        => LaneScenario.Collect(dirs, FromFile);

    /// <summary>The generator's shape for litmus runs: one device, 2-3 threads of 1-3 ops, no faults; the typed generator supplies live dma-bufs, own-file handles and now and then a guessed fd.</summary>
    public static readonly GeneratorOptions Shape = new()
    {
        MaxDevices = 1, MaxFilesPerDevice = 2, MaxObjects = 2, MaxThreads = 3, MaxOpsPerThread = 3,
        FaultPercent = 0, BadInputPercent = 5,
    };

    /// <summary>Random concurrent scenarios of <see cref="Shape"/>: drawn in order from one seed, those with fewer than two threads passed over.</summary>
    public static IReadOnlyList<ConcurrentScenario> Random(ulong seed, int count)
    {
        var generator = new ScenarioGenerator(Shape);
        var rng = new SplitMix64(seed);
        var scenarios = new List<ConcurrentScenario>();
        for (int drawn = 0; scenarios.Count < count; drawn++)
        {
            var s = generator.Generate(rng);
            if (s.Threads.Count >= 2)
                scenarios.Add(new ConcurrentScenario($"random seed {seed} #{drawn}", s with { Schedule = [], Faults = [] }));
        }
        return scenarios;
    }
}
