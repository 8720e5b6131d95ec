using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>Knobs of the random scenario generator.</summary>
public sealed record GeneratorOptions
{
    public int MaxDevices { get; init; } = 2;
    public int MaxThreads { get; init; } = 3;
    public int MaxOpsPerThread { get; init; } = 6;
    /// <summary>Share (percent) of arguments that are raw numbers instead of references to live values.</summary>
    public int BadReferencePercent { get; init; } = 10;
    /// <summary>Share (percent) of scenarios that get one allocation fault.</summary>
    public int FaultPercent { get; init; } = 15;
}

/// <summary>
/// Random scenarios that mostly make sense: a setup opens drm files and creates objects; each
/// thread's ops refer to values made before them (in the setup, in the same thread, now and
/// then in another thread), with a tunable share of raw numbers for the error paths.
/// </summary>
public sealed class ScenarioGenerator(GeneratorOptions options)
{
    private static readonly string[] FaultSites =
        ["drm_prime_member", "dma_buf", "object_idr", "gem_object", "object_name_idr", "dma_buf_attachment", "drm_file"];

    public Scenario Generate(SplitMix64 rng)
    {
        var scope = new Scope(rng, options);
        var devices = Enumerable.Range(0, rng.Next(1, options.MaxDevices))
            .Select(i => new DeviceDecl($"d{i}", DeviceKind.Native)).ToList();
        var setup = new List<Op>();
        foreach (var d in devices)
            for (int f = rng.Next(1, 2); f > 0; f--)
                setup.Add(scope.Define(OpKind.Open, ValueKind.Fd, new Arg(ValueKind.Device, d.Name, 0)));
        for (int c = rng.Next(1, 2); c > 0; c--)
            setup.Add(scope.Define(OpKind.CreateDumb, ValueKind.Handle, scope.Pick(ValueKind.Fd)));

        var threads = new List<ThreadDecl>();
        int threadCount = rng.Next(1, options.MaxThreads);
        var shared = scope.Snapshot();
        for (int t = 0; t < threadCount; t++)
        {
            scope.Restore(shared, keepOthers: true);
            var ops = new List<Op>();
            for (int n = rng.Next(1, options.MaxOpsPerThread); n > 0; n--)
                ops.Add(scope.RandomOp(devices));
            threads.Add(new ThreadDecl($"T{t}", ops));
        }

        var faults = new List<Fault>();
        if (rng.Chance(options.FaultPercent))
        {
            int t = rng.Next(threads.Count);
            faults.Add(new Fault(t, rng.Next(threads[t].Ops.Count), rng.Pick(FaultSites)));
        }
        return new Scenario(devices, setup, threads, [], faults);
    }

    /// <summary>The values defined so far, by kind, and the naming of new ones.</summary>
    private sealed class Scope(SplitMix64 rng, GeneratorOptions options)
    {
        private readonly Dictionary<ValueKind, List<string>> live = new()
        {
            [ValueKind.Fd] = [], [ValueKind.Handle] = [], [ValueKind.Name] = [],
        };
        private readonly List<(ValueKind, string)> others = [];
        private int counter;

        public Op Define(OpKind kind, ValueKind returns, params Arg[] args)
        {
            var name = returns switch { ValueKind.Fd => "fd", ValueKind.Handle => "h", _ => "n" } + ++counter;
            live[returns].Add(name);
            return new Op(kind, name, args);
        }

        public Arg Pick(ValueKind kind)
        {
            var pool = live[kind];
            if (pool.Count == 0 || rng.Chance(options.BadReferencePercent))
            {
                if (others.Count > 0 && rng.Chance(50) && others.Where(o => o.Item1 == kind).ToList() is { Count: > 0 } foreign)
                    return Arg.Ref(kind, rng.Pick(foreign).Item2);
                return Arg.Number(kind, kind == ValueKind.Fd ? rng.Next(-1, 8) : rng.Next(0, 4));
            }
            return Arg.Ref(kind, rng.Pick(pool));
        }

        public Op RandomOp(IReadOnlyList<DeviceDecl> devices)
        {
            switch (rng.Next(100))
            {
                case < 14: return Define(OpKind.CreateDumb, ValueKind.Handle, Pick(ValueKind.Fd));
                case < 26: return new Op(OpKind.GemClose, null, [Pick(ValueKind.Fd), Pick(ValueKind.Handle)]);
                case < 46: return Define(OpKind.HandleToFd, ValueKind.Fd, Pick(ValueKind.Fd), Pick(ValueKind.Handle),
                    Arg.Number(ValueKind.Flags, rng.Chance(options.BadReferencePercent) ? PrimeFlags.DRM_RDWR | 0x4 : PrimeFlags.DRM_CLOEXEC));
                case < 64: return Define(OpKind.FdToHandle, ValueKind.Handle, Pick(ValueKind.Fd), Pick(ValueKind.Fd));
                case < 78: return new Op(OpKind.Close, null, [Pick(ValueKind.Fd)]);
                case < 84: return Define(OpKind.Dup, ValueKind.Fd, Pick(ValueKind.Fd));
                case < 91: return Define(OpKind.Flink, ValueKind.Name, Pick(ValueKind.Fd), Pick(ValueKind.Handle));
                case < 97: return Define(OpKind.GemOpen, ValueKind.Handle, Pick(ValueKind.Fd), Pick(ValueKind.Name));
                default: return Define(OpKind.Open, ValueKind.Fd, new Arg(ValueKind.Device, rng.Pick(devices).Name, 0));
            }
        }

        public Dictionary<ValueKind, List<string>> Snapshot() => live.ToDictionary(p => p.Key, p => p.Value.ToList());

        /// <summary>Back to the setup's values for the next thread; this thread's values become "others".</summary>
        public void Restore(Dictionary<ValueKind, List<string>> snapshot, bool keepOthers)
        {
            foreach (var (kind, names) in live)
                foreach (var n in names.Except(snapshot[kind]))
                    if (keepOthers)
                        others.Add((kind, n));
            foreach (var kind in live.Keys.ToList())
                live[kind] = snapshot[kind].ToList();
        }
    }
}
