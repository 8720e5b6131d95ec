using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.KernelLane;

/// <summary>
/// A sequential scenario for the kernel lane: setup ops only, no schedule, no faults, one
/// native device (the guest has one vgem), with a label saying where it came from.
/// </summary>
public sealed record LaneScenario(string Label, Scenario Scenario)
{
    /// <summary>
    /// A scenario file as a lane scenario: threads run one after another in thread order
    /// (labelled so), faults dropped; null when it needs more than the one vgem device.
    /// </summary>
    public static LaneScenario? FromFile(string path, string label)
    {
        var s = ScenarioParser.ParseFile(path);
        if (s.Devices.Count != 1 || s.Devices[0].Kind != DeviceKind.Native)
            return null;
        if (s.Threads.Count > 0)
            label += $" (threads run in turn: {string.Join(", ", s.Threads.Select(t => t.Name))})";
        if (s.Faults.Count > 0)
            label += " (faults dropped)";
        return new LaneScenario(label, Sequential(s));
    }

    /// <summary>The setup, then every thread's ops in thread order, as one setup.</summary>
    public static Scenario Sequential(Scenario s)
        => new(s.Devices, [.. s.Setup, .. s.Threads.SelectMany(t => t.Ops)], [], [], []);

    /// <summary>Every .scn file under <paramref name="dirs"/> (ordinal order) that the lane can run, and the names of those it cannot.</summary>
    public static (IReadOnlyList<LaneScenario> Runnable, IReadOnlyList<string> Skipped) FromDirectories(IEnumerable<string> dirs)
        => Collect(dirs, FromFile);

    /// <summary>Each .scn file under <paramref name="dirs"/> (ordinal order) through <paramref name="fromFile"/> (path, label), which gives null for a file the lane cannot run.</summary>
    internal static (IReadOnlyList<T> Runnable, IReadOnlyList<string> Skipped) Collect<T>(IEnumerable<string> dirs, Func<string, string, T?> fromFile) where T : class
    {
        var runnable = new List<T>();
        var skipped = new List<string>();
        foreach (var dir in dirs)
            foreach (var path in Directory.GetFiles(dir, "*.scn").Order(StringComparer.Ordinal))
            {
                var label = $"{Path.GetFileName(dir)}/{Path.GetFileName(path)}";
                if (Predates(ScenarioParser.ParseFile(path)) is { } why)
                    skipped.Add($"{label}: {why}");
                else if (fromFile(path, label) is { } lane)
                    runnable.Add(lane);
                else
                    skipped.Add(label);
            }
        return (runnable, skipped);
    }

    /// <summary>The calls every kernel the lane boots has: GEM_CHANGE_HANDLE (6.18) is newer than all of them.</summary>
    public static IReadOnlySet<OpKind> Ops { get; } = KernelProtocols.BySeries.Values
        .Select(p => ProtocolRegistry.Create(p).Ops).Aggregate((a, b) => a.Intersect(b).ToHashSet());

    /// <summary>Why the lane's kernels cannot run <paramref name="s"/> (a call newer than them), or null.</summary>
    public static string? Predates(Scenario s)
    {
        var missing = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).Select(o => o.Kind).Where(k => !Ops.Contains(k)).Distinct().ToList();
        return missing.Count == 0 ? null
            : $"{string.Join(", ", missing.Select(k => OpSpec.Of(k).Name))} is newer than the guest kernels ({string.Join(", ", KernelProtocols.BySeries.Keys)}), which answer EINVAL";
    }

    /// <summary>Random sequential scenarios: one device, one thread (run after the setup), no faults; bad inputs at the generator's usual share.</summary>
    public static IReadOnlyList<LaneScenario> Random(ulong seed, int count)
    {
        var generator = new ScenarioGenerator(new GeneratorOptions { MaxDevices = 1, MaxThreads = 1, FaultPercent = 0 });
        var rng = new SplitMix64(seed);
        return [.. Enumerable.Range(0, count).Select(i => new LaneScenario($"random seed {seed} #{i}", Sequential(generator.Generate(rng))))];
    }
}
