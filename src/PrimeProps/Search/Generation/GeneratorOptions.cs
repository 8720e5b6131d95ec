using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// Bounds and shares of the scenario generator. Everything else (which op kinds a scenario
/// draws, how often the setup exports and shares, where imports go, how often threads work
/// on the setup's objects) is drawn per scenario: see <see cref="Swarm"/>.
/// </summary>
public sealed record GeneratorOptions
{
    public int MaxDevices { get; init; } = 2;
    /// <summary>Drm files the setup opens on each device (at least one; up to 4 make sense).</summary>
    public int MaxFilesPerDevice { get; init; } = 2;
    /// <summary>Dumb buffers the setup creates (at least one).</summary>
    public int MaxObjects { get; init; } = 2;
    public int MaxThreads { get; init; } = 3;
    /// <summary>Ops drawn per thread; an op drawn without the resource it needs brings the call that makes it, within this bound.</summary>
    public int MaxOpsPerThread { get; init; } = 6;
    /// <summary>
    /// Share (percent) of the ops drawn for threads whose input is deliberately bad: one
    /// argument is a raw number (a bad one, or the next fd guessed as a racing thread would),
    /// a value of the wrong resource, a value the thread already closed, or bad export flags.
    /// <see cref="Scenarios.Typing.TypedScenario"/> recognises such ops from the scenario alone.
    /// </summary>
    public int BadInputPercent { get; init; } = 10;
    /// <summary>
    /// Whether threads also guess the handle number another thread's creation gets (raw, so
    /// deliberately bad input on top of <see cref="BadInputPercent"/>), at the scenario's
    /// <see cref="Swarm.Guess"/> share of their GEM_CLOSE, FLINK and export calls.
    /// </summary>
    public bool Guesses { get; init; } = true;
    /// <summary>Share (percent) of scenarios that get one allocation fault.</summary>
    public int FaultPercent { get; init; } = 15;
    /// <summary>
    /// Relative weight of each op kind a thread draws; a kind left out is never drawn in a thread.
    /// </summary>
    public IReadOnlyList<(OpKind Op, int Weight)> OpWeights { get; init; } = DefaultOpWeights;
    /// <summary>Op kinds the setup may use besides open and create_dumb (to export, share and import); null: every kind.</summary>
    public IReadOnlySet<OpKind>? SetupKinds { get; init; }
    /// <summary>Whether each scenario draws a random subset of the op kinds and its own steering shares (swarm testing); off: all kinds, middle shares.</summary>
    public bool Swarm { get; init; } = true;
    /// <summary>Runs (thread, steps) of the schedule drawn into the scenario; 0: none, the caller schedules.</summary>
    public int MaxScheduleRuns { get; init; }
    /// <summary>Longest run of a drawn schedule, in steps.</summary>
    public int MaxRunLength { get; init; } = 8;
    /// <summary>Share (percent) of scenarios that get a random kernel address order for their dma-bufs (the prime cache trees' shape).</summary>
    public int AddressOrderPercent { get; init; }
    /// <summary>How many dma-bufs a drawn address order places; later ones go above all earlier ones.</summary>
    public int MaxAddressPositions { get; init; } = 8;

    /// <summary>
    /// The classic calls at their declared weights (<see cref="IDrawnOp.Weight"/>), in the
    /// order threads have always drawn them: the order is part of every seed's scenarios
    /// (the swarm's subset and each draw walk the list), so it stays as it was.
    /// </summary>
    public static readonly IReadOnlyList<(OpKind Op, int Weight)> DefaultOpWeights =
        [.. new[] { OpKind.CreateDumb, OpKind.GemClose, OpKind.HandleToFd, OpKind.FdToHandle, OpKind.Close, OpKind.Dup, OpKind.Flink, OpKind.GemOpen, OpKind.Open }
            .Select(kind => (kind, ((IDrawnOp)OpSpec.Of(kind)).Weight))];

    /// <summary>These options with the given ops never drawn, in a thread or in the setup (which still opens and creates).</summary>
    public GeneratorOptions Without(params OpKind[] ops) => this with
    {
        OpWeights = [.. OpWeights.Where(w => !ops.Contains(w.Op))],
        SetupKinds = (SetupKinds ?? OpSpec.All.Select(s => s.Kind).ToHashSet()).Except(ops).ToHashSet(),
    };

    /// <summary>
    /// These options for a kernel that has exactly <paramref name="ops"/>: kinds it lacks are
    /// left out, and the kinds beyond the classic ones it has (GEM_CHANGE_HANDLE, a loaded assembly's) are added at
    /// their declared weight, after the others. A protocol with only the classic calls gets
    /// these options unchanged, so its scenarios draw exactly as before the op existed.
    /// </summary>
    public GeneratorOptions ForOps(IReadOnlySet<OpKind> ops)
    {
        var weights = OpWeights.Where(w => ops.Contains(w.Op)).ToList();
        foreach (var (kind, weight) in ExtensionWeights)
            if (ops.Contains(kind) && !OpWeights.Any(w => w.Op == kind) && !(SetupKinds is { } setup && !setup.Contains(kind)))
                weights.Add((kind, weight));
        return weights.Count == OpWeights.Count && weights.SequenceEqual(OpWeights) ? this : this with { OpWeights = weights };
    }

    /// <summary>
    /// Weights of the ops beyond the classic set (GEM_CHANGE_HANDLE, a loaded assembly's),
    /// in declaration order, drawn only for a kernel that has them.
    /// </summary>
    public static IReadOnlyList<(OpKind Op, int Weight)> ExtensionWeights
        => [.. OpSpec.All.Where(s => !s.IsClassic).OfType<IDrawnOp>().Select(d => (((OpSpec)d).Kind, d.Weight))];

    /// <summary>Whether the setup may use <paramref name="kind"/>.</summary>
    public bool SetupMay(OpKind kind) => kind is OpKind.Open or OpKind.CreateDumb || (SetupKinds?.Contains(kind) ?? true);
}
