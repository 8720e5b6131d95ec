using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// Knobs of the random scenario generator. The defaults are the original generator; the knobs
/// that came later draw no random number while they are off, so a recorded seed keeps giving
/// the same scenarios.
/// </summary>
public sealed record GeneratorOptions
{
    public int MaxDevices { get; init; } = 2;
    /// <summary>Drm files the setup opens on each device (at least one; up to 4 make sense).</summary>
    public int MaxFilesPerDevice { get; init; } = 2;
    /// <summary>Dumb buffers the setup creates (at least one).</summary>
    public int MaxObjects { get; init; } = 2;
    public int MaxThreads { get; init; } = 3;
    public int MaxOpsPerThread { get; init; } = 6;
    /// <summary>Share (percent) of arguments that are raw numbers instead of references to live values.</summary>
    public int BadReferencePercent { get; init; } = 10;
    /// <summary>Share (percent) of scenarios that get one allocation fault.</summary>
    public int FaultPercent { get; init; } = 15;
    /// <summary>Relative weight of each op a thread draws; an op left out is never drawn.</summary>
    public IReadOnlyList<(OpKind Op, int Weight)> OpWeights { get; init; } = DefaultOpWeights;
    /// <summary>Share (percent) of setup objects also exported to an fd, so threads race on a live dma-buf (catalog rows 1, 5).</summary>
    public int SetupExportPercent { get; init; }
    /// <summary>Share (percent) of setup objects also opened in another file of their device by flink/gem_open (row 2).</summary>
    public int SetupSharePercent { get; init; }
    /// <summary>Share (percent) of handle arguments picked among the handles made in the file the op runs on (handles are per file).</summary>
    public int OwnFileHandlePercent { get; init; }
    /// <summary>Share (percent) of closed, duplicated and imported fds that guess the next fds the kernel hands out, as a racing thread would (row 3).</summary>
    public int NextFdGuessPercent { get; init; }
    /// <summary>Runs (thread, steps) of the schedule drawn into the scenario; 0: none, the caller schedules.</summary>
    public int MaxScheduleRuns { get; init; }
    /// <summary>Longest run of a drawn schedule, in steps.</summary>
    public int MaxRunLength { get; init; } = 8;
    /// <summary>Share (percent) of scenarios that get a random kernel address order for their dma-bufs (the prime cache trees' shape).</summary>
    public int AddressOrderPercent { get; init; }
    /// <summary>How many dma-bufs a drawn address order places; later ones go above all earlier ones.</summary>
    public int MaxAddressPositions { get; init; } = 8;

    public static readonly IReadOnlyList<(OpKind Op, int Weight)> DefaultOpWeights =
    [
        (OpKind.CreateDumb, 14), (OpKind.GemClose, 12), (OpKind.HandleToFd, 20), (OpKind.FdToHandle, 18), (OpKind.Close, 14),
        (OpKind.Dup, 6), (OpKind.Flink, 7), (OpKind.GemOpen, 6), (OpKind.Open, 3),
    ];

    /// <summary>These options with the given ops never drawn in threads (the setup still opens and creates).</summary>
    public GeneratorOptions Without(params OpKind[] ops) => this with { OpWeights = [.. OpWeights.Where(w => !ops.Contains(w.Op))] };
}

/// <summary>
/// Random scenarios that mostly make sense: a setup opens drm files and creates objects; each
/// thread's ops refer to values made before them (in the setup, in the same thread, now and
/// then in another thread), with a tunable share of raw numbers for the error paths. On request
/// the scenario also gets a schedule drawn as data, which replays on any protocol (past its
/// end, and wherever it names a thread that cannot run, the executor's fallback decides).
/// </summary>
public sealed class ScenarioGenerator(GeneratorOptions options)
{
    public Scenario Generate(SplitMix64 rng)
    {
        var scope = new Scope(rng, options);
        var devices = Enumerable.Range(0, rng.Next(1, options.MaxDevices))
            .Select(i => new DeviceDecl($"d{i}", DeviceKind.Native)).ToList();
        var setup = GenerateSetup(rng, scope, devices);

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
            faults.Add(new Fault(t, rng.Next(threads[t].Ops.Count), rng.Pick(FaultSites.All)));
        }
        var schedule = options.MaxScheduleRuns > 0 ? RandomSchedule(rng, threads.Count) : [];
        var addresses = options.AddressOrderPercent > 0 && rng.Chance(options.AddressOrderPercent)
            ? Enumerable.Range(0, options.MaxAddressPositions).Select(k => rng.Next(k + 1)).ToList()
            : [];
        return new Scenario(devices, setup, threads, schedule, faults) { Addresses = addresses };
    }

    private List<Op> GenerateSetup(SplitMix64 rng, Scope scope, List<DeviceDecl> devices)
    {
        var setup = new List<Op>();
        var deviceOf = new Dictionary<string, string>(); // drm file variable -> its device
        foreach (var d in devices)
            for (int f = rng.Next(1, options.MaxFilesPerDevice); f > 0; f--)
            {
                setup.Add(scope.Define(OpKind.Open, ValueKind.Fd, new Arg(ValueKind.Device, d.Name, 0)));
                deviceOf[setup[^1].Result!] = d.Name;
            }
        for (int c = rng.Next(1, options.MaxObjects); c > 0; c--)
        {
            var file = scope.Pick(ValueKind.Fd);
            var create = scope.Define(OpKind.CreateDumb, ValueKind.Handle, file);
            setup.Add(create);
            if (!file.IsRef || !deviceOf.TryGetValue(file.Var!, out var device))
                continue; // a raw number or a dma-buf fd: the create fails, nothing to share
            var handle = Arg.Ref(ValueKind.Handle, create.Result!);
            if (scope.Maybe(options.SetupExportPercent))
                setup.Add(scope.Define(OpKind.HandleToFd, ValueKind.Fd, file, handle, Arg.Number(ValueKind.Flags, PrimeFlags.DRM_CLOEXEC)));
            var peers = deviceOf.Where(p => p.Value == device && p.Key != file.Var).Select(p => p.Key).ToList();
            if (peers.Count > 0 && scope.Maybe(options.SetupSharePercent))
            {
                var name = scope.Define(OpKind.Flink, ValueKind.Name, file, handle);
                setup.Add(name);
                setup.Add(scope.Define(OpKind.GemOpen, ValueKind.Handle, Arg.Ref(ValueKind.Fd, rng.Pick(peers)), Arg.Ref(ValueKind.Name, name.Result!)));
            }
        }
        scope.NextFd = Scope.FirstFd + setup.Count(o => OpSpec.Of(o.Kind).Returns == ValueKind.Fd);
        return setup;
    }

    /// <summary>Runs of random threads and lengths; past its end the executor's fallback schedules.</summary>
    private List<ScheduleRun> RandomSchedule(SplitMix64 rng, int threadCount)
    {
        var steps = new List<int>();
        for (int runs = rng.Next(1, options.MaxScheduleRuns); runs > 0; runs--)
        {
            int thread = rng.Next(threadCount);
            steps.AddRange(Enumerable.Repeat(thread, rng.Next(1, options.MaxRunLength)));
        }
        return [.. Scenario.Compress(steps)];
    }

    /// <summary>The values defined so far, by kind, and the naming of new ones.</summary>
    private sealed class Scope(SplitMix64 rng, GeneratorOptions options)
    {
        public const int FirstFd = 3; // after stdio
        private readonly Dictionary<ValueKind, List<string>> live = new()
        {
            [ValueKind.Fd] = [], [ValueKind.Handle] = [], [ValueKind.Name] = [],
        };
        private readonly List<(ValueKind, string)> others = [];
        private readonly Dictionary<string, string> fileOfHandle = []; // handle variable -> the fd variable of its file
        private readonly int totalWeight = options.OpWeights.Sum(w => w.Weight);
        private int counter;

        /// <summary>The first fd the threads' ops get (the one after the setup's); null while the setup is drawn.</summary>
        public int? NextFd { get; set; }

        /// <summary>A chance that draws nothing when the knob is off (see <see cref="GeneratorOptions"/>).</summary>
        public bool Maybe(int percent) => percent > 0 && rng.Chance(percent);

        public Op Define(OpKind kind, ValueKind returns, params Arg[] args)
        {
            var name = returns switch { ValueKind.Fd => "fd", ValueKind.Handle => "h", _ => "n" } + ++counter;
            live[returns].Add(name);
            if (returns == ValueKind.Handle && args[0].IsRef)
                fileOfHandle[name] = args[0].Var!; // every op that makes a handle takes its file first
            return new Op(kind, name, args);
        }

        /// <summary>A handle to use in <paramref name="file"/>: mostly one made there, when the knob is on.</summary>
        private Arg PickHandleIn(Arg file)
        {
            if (file.IsRef && Maybe(options.OwnFileHandlePercent)
                && live[ValueKind.Handle].Where(h => fileOfHandle.GetValueOrDefault(h) == file.Var).ToList() is { Count: > 0 } own)
                return Arg.Ref(ValueKind.Handle, rng.Pick(own));
            return Pick(ValueKind.Handle);
        }

        /// <summary>An fd that names a dma-buf as often as a drm file: now and then a guess of the next fd.</summary>
        public Arg PickAnyFd()
            => NextFd is { } next && Maybe(options.NextFdGuessPercent) ? Arg.Number(ValueKind.Fd, next) : Pick(ValueKind.Fd);

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
            int roll = rng.Next(totalWeight);
            var kind = options.OpWeights.First(w => (roll -= w.Weight) < 0).Op;
            return kind switch
            {
                OpKind.CreateDumb => Define(kind, ValueKind.Handle, Pick(ValueKind.Fd)),
                OpKind.GemClose => new Op(kind, null, FileAndHandle()),
                OpKind.HandleToFd => Define(kind, ValueKind.Fd, [.. FileAndHandle(),
                    Arg.Number(ValueKind.Flags, rng.Chance(options.BadReferencePercent) ? PrimeFlags.DRM_RDWR | 0x4 : PrimeFlags.DRM_CLOEXEC)]),
                OpKind.FdToHandle => Define(kind, ValueKind.Handle, Pick(ValueKind.Fd), PickAnyFd()),
                OpKind.Close => new Op(kind, null, [PickAnyFd()]),
                OpKind.Dup => Define(kind, ValueKind.Fd, PickAnyFd()),
                OpKind.Flink => Define(kind, ValueKind.Name, FileAndHandle()),
                OpKind.GemOpen => Define(kind, ValueKind.Handle, Pick(ValueKind.Fd), Pick(ValueKind.Name)),
                OpKind.Open => Define(kind, ValueKind.Fd, new Arg(ValueKind.Device, rng.Pick(devices).Name, 0)),
                _ => throw new ArgumentOutOfRangeException(nameof(options), kind, "no such op"),
            };
        }

        /// <summary>A drm file and a handle to use in it.</summary>
        private Arg[] FileAndHandle()
        {
            var file = Pick(ValueKind.Fd);
            return [file, PickHandleIn(file)];
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
