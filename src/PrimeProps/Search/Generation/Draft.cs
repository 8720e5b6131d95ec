using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

/// <summary>
/// One scenario being drawn: the typed reading of what is drawn so far (the same
/// <see cref="ResourceView"/> the classifier reads with), the swarm's shares, and picks of
/// live values by resource. Values of the setup are seen by every thread; a thread's own
/// values only by it (and, now and then, by a later thread as a race). Op declarations
/// (<see cref="IDrawnOp"/>) draw their calls with the public members here.
/// </summary>
public sealed partial class Draft
{
    public const int FirstFd = 3; // after stdio

    private readonly RandomSource rng;
    private readonly GeneratorOptions options;
    private readonly Swarm swarm;

    /// <summary>The draw's random stream: every choice a declaration makes comes from it.</summary>
    public RandomSource Rng => rng;

    /// <summary>This scenario's steering shares.</summary>
    public Swarm Swarm => swarm;

    /// <summary>The declared devices (an open picks one by index).</summary>
    public int DeviceCount => devices.Count;
    private readonly IReadOnlyList<DeviceDecl> devices;
    private readonly ResourceTable table;
    // The one thread that closes each fd and GEM_CLOSEs each handle: no other thread destroys it too.
    private readonly Dictionary<string, int> destroyer = [];
    private readonly Dictionary<int, int> handleDestroyer = [];
    internal Dictionary<string, int> FdDestroyers => destroyer;
    internal Dictionary<int, int> HandleDestroyers => handleDestroyer;
    internal ResourceTable Table => table;
    private int focusObject = -1; // the setup's first object
    private int counter;
    private int nextFd = FirstFd;

    internal Draft(RandomSource rng, GeneratorOptions options, Swarm swarm, IReadOnlyList<DeviceDecl> devices)
    {
        (this.rng, this.options, this.swarm, this.devices) = (rng, options, swarm, devices);
        table = new ResourceTable(devices.Select(d => d.Name));
    }

    /// <summary>Whether threads may draw <paramref name="kind"/> (it has a weight).</summary>
    public bool Allowed(OpKind kind) => options.OpWeights.Any(w => w.Op == kind && w.Weight > 0);

    /// <summary>A call of <paramref name="kind"/> whose result, if any, gets the next generated name (fd1, h2, n3).</summary>
    public Op Make(OpKind kind, params Arg[] args)
    {
        var returns = OpSpec.Of(kind).Returns;
        string? name = returns == ValueKind.None ? null : returns switch { ValueKind.Fd => "fd", ValueKind.Handle => "h", _ => "n" } + ++counter;
        return new Op(kind, name, args);
    }

    public Typed TypeOf(string var) => table.TypeOf(var);

    /// <summary>Whether a thread other than <paramref name="thread"/> closes <paramref name="var"/> (or GEM_CLOSEs its handle).</summary>
    private bool Destroyed(string var, int thread)
        => destroyer.TryGetValue(var, out var t) && t != thread
           || TypeOf(var) is { Kind: Resource.Handle } h && handleDestroyer.TryGetValue(h.Handle, out var u) && u != thread;

    /// <summary>Live values of this view that fit <paramref name="fits"/>.</summary>
    public List<string> Live(ResourceView view, Func<Typed, bool> fits)
        => [.. table.Variables.Where(v => view.IsLive(v) && fits(TypeOf(v)))];

    /// <summary>
    /// One of <paramref name="candidates"/>: now and then another thread's, else mostly the
    /// setup's (shared by every thread), else the thread's own; null when there is none.
    /// </summary>
    public string? Choose(ResourceView view, List<string> candidates)
    {
        if (candidates.Count == 0)
            return null;
        var foreign = candidates.Where(v => table.OwnerOf(v) is { } t && t != view.Thread && t != Scenario.SetupThread).ToList();
        var shared = candidates.Where(v => table.OwnerOf(v) == Scenario.SetupThread).ToList();
        var own = candidates.Where(v => table.OwnerOf(v) == view.Thread).ToList();
        if (foreign.Count > 0 && (rng.Chance(swarm.Foreign) || shared.Count + own.Count == 0))
            return rng.Pick(foreign);
        if (shared.Count > 0 && (own.Count == 0 || rng.Chance(swarm.Shared)))
        {
            var contended = shared.Where(v => Destroyed(v, view.Thread)).ToList();
            if (contended.Count > 0 && rng.Chance(swarm.Contend))
                return rng.Pick(contended);
            var focused = shared.Where(v => TypeOf(v).Object == focusObject && TypeOf(v).Kind != Resource.DrmFile).ToList();
            return rng.Pick(focused.Count > 0 && rng.Chance(swarm.Focus) ? focused : shared);
        }
        return own.Count > 0 ? rng.Pick(own) : rng.Pick(foreign);
    }

    /// <summary>One live value of this view that fits <paramref name="fits"/>, picked as <see cref="Choose"/> does; null when there is none.</summary>
    public string? Pick(ResourceView view, Func<Typed, bool> fits) => Choose(view, Live(view, fits));

    /// <summary>An fd of the drm file <paramref name="file"/> this view can use, or null.</summary>
    public string? FdOfFile(ResourceView view, int file) => Pick(view, t => t.Kind == Resource.DrmFile && t.File == file);

    public static Arg Ref(ValueKind kind, string var) => Arg.Ref(kind, var);

    public Arg DeviceArg(int device) => new(ValueKind.Device, devices[device].Name, 0);

    /// <summary>Export flags: mostly CLOEXEC, as userspace passes them, sometimes RDWR or none.</summary>
    public Arg Flags()
    {
        int roll = rng.Next(100);
        uint flags = roll < 70 ? PrimeFlags.DRM_CLOEXEC : roll < 85 ? PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR : roll < 95 ? PrimeFlags.DRM_RDWR : 0;
        return Arg.Number(ValueKind.Flags, flags);
    }

    /// <summary>Applies <paramref name="op"/> to the view and adds it; a drawn op must read as the generator meant it.</summary>
    public void Emit(ResourceView view, List<Op> ops, Op op, bool bad)
    {
        var read = view.Apply(op);
        if (read == BadInput.None == bad)
            throw new InvalidOperationException($"generator bug: '{ScenarioPrinter.PrintOp(op)}' drawn as {(bad ? "bad" : "good")} input reads as {read}");
        ops.Add(op);
    }
}
