using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

public sealed partial class Draft
{
    private const int Tries = 5;

    /// <summary>
    /// One thread's ops, drawn typed from <paramref name="view"/> (the setup's end state):
    /// each argument a live value of the resource its slot takes, except the deliberately bad
    /// share. An op whose resource is missing brings the call that makes it first.
    /// </summary>
    public List<Op> Thread(ResourceView view)
    {
        var ops = new List<Op>();
        var deferred = new List<Op>();
        int n = rng.Next(1, options.MaxOpsPerThread);
        while (ops.Count + deferred.Count < n)
        {
            var kind = DrawKind();
            if (options.Guesses && rng.Chance(swarm.Guess) && GuessOp(view, kind) is { } guess)
            {
                Emit(view, ops, guess, bad: true);
                continue;
            }
            if (Spoilable(kind) && rng.Chance(options.BadInputPercent))
            {
                Emit(view, ops, BadOp(view, kind), bad: true);
                continue;
            }
            bool drawn = DrawGood(view, kind, ops, deferred);
            for (int t = 1; !drawn && t < Tries; t++)
                drawn = DrawGood(view, DrawKind(), ops, deferred);
            if (!drawn) // nothing fits this view (every value closed, the kinds that make one left out)
            {
                bool open = Allowed(OpKind.Open);
                Emit(view, ops, open ? Make(OpKind.Open, DeviceArg(rng.Next(devices.Count))) : BadOp(view, kind), bad: !open);
            }
        }
        foreach (var op in deferred)
            if (view.Check(op) == BadInput.None) // the thread's own later ops may have closed it meanwhile
                Emit(view, ops, op, bad: false);
        return ops;
    }

    /// <summary>Whether a call of <paramref name="kind"/> has an argument bad input can spoil (open's device has none).</summary>
    private static bool Spoilable(OpKind kind)
        => OpSpec.Of(kind).Params.Any(p => p is ValueKind.Fd or ValueKind.Handle or ValueKind.Name or ValueKind.Flags);

    private OpKind DrawKind()
    {
        int roll = rng.Next(swarm.Weights.Sum(w => w.Weight));
        return swarm.Weights.First(w => (roll -= w.Weight) < 0).Op;
    }

    /// <summary>A call of <paramref name="kind"/> with good input, as its declaration draws it (<see cref="IDrawnOp.Draw"/>).</summary>
    private bool DrawGood(ResourceView view, OpKind kind, List<Op> ops, List<Op> deferred)
        => OpSpec.Of(kind) is IDrawnOp drawn && drawn.Draw(this, view, ops, deferred);

    /// <summary>Emits <paramref name="op"/> (good input) and says so: the tail of a declaration's <see cref="IDrawnOp.Draw"/>.</summary>
    public bool Emitted(ResourceView view, List<Op> ops, Op op)
    {
        Emit(view, ops, op, bad: false);
        return true;
    }

    internal bool IsForeign(ResourceView view, string var) => table.OwnerOf(var) is { } t && t != view.Thread && t != Scenario.SetupThread;

    /// <summary>
    /// A close or GEM_CLOSE: of a value the threads share, mostly at the thread's end so the
    /// other threads use it first and race with it; of the thread's own, now and then followed
    /// by a call that takes the freed number again (<paramref name="reuse"/>, the destroying op's).
    /// </summary>
    internal void Destroy(ResourceView view, List<Op> ops, List<Op> deferred, Op op, bool shared, Action reuse)
    {
        if (shared && rng.Chance(swarm.DeferDestroy))
        {
            deferred.Add(op);
            return;
        }
        Emit(view, ops, op, bad: false);
        if (rng.Chance(swarm.Reuse))
            reuse();
    }

    public string? NeedFile(ResourceView view, List<Op> ops)
    {
        var file = Pick(view, t => t.Kind == Resource.DrmFile);
        if (file is not null || !Allowed(OpKind.Open))
            return file;
        var open = Make(OpKind.Open, DeviceArg(rng.Next(devices.Count)));
        Emit(view, ops, open, bad: false);
        return open.Result;
    }

    public string? NeedHandle(ResourceView view, List<Op> ops, Func<Typed, bool> fits, bool destroy = false)
    {
        var live = Live(view, t => t.Kind == Resource.Handle && fits(t) && FdOfFile(view, t.File) is not null);
        var handle = Choose(view, destroy ? [.. live.Where(v => !IsForeign(view, v))] : live);
        if (handle is not null || !Allowed(OpKind.CreateDumb))
            return handle;
        if (NeedFile(view, ops) is not { } file)
            return null;
        var create = Make(OpKind.CreateDumb, Ref(ValueKind.Fd, file));
        Emit(view, ops, create, bad: false);
        return create.Result;
    }

    public string? NeedBuffer(ResourceView view, List<Op> ops)
    {
        var buf = Pick(view, t => t.Kind == Resource.DmaBuf);
        if (buf is not null || !Allowed(OpKind.HandleToFd))
            return buf;
        if (NeedHandle(view, ops, _ => true) is not { } h || FdOfFile(view, TypeOf(h).File) is not { } fd)
            return null;
        var export = Make(OpKind.HandleToFd, Ref(ValueKind.Fd, fd), Ref(ValueKind.Handle, h), Flags());
        Emit(view, ops, export, bad: false);
        return export.Result;
    }

    /// <summary>A name whose object still has a handle here (a name dies with the last handle) and whose device has a file open.</summary>
    public string? NeedName(ResourceView view, List<Op> ops)
    {
        var handles = Live(view, t => t.Kind == Resource.Handle).Select(v => TypeOf(v).Object).ToHashSet();
        var devices = Live(view, t => t.Kind == Resource.DrmFile).Select(v => TypeOf(v).Device).ToHashSet();
        var name = Pick(view, t => t.Kind == Resource.Name && handles.Contains(t.Object) && devices.Contains(t.Device));
        if (name is not null || !Allowed(OpKind.Flink))
            return name;
        if (NeedHandle(view, ops, _ => true) is not { } h || FdOfFile(view, TypeOf(h).File) is not { } fd)
            return null;
        var flink = Make(OpKind.Flink, Ref(ValueKind.Fd, fd), Ref(ValueKind.Handle, h));
        Emit(view, ops, flink, bad: false);
        return flink.Result;
    }

    /// <summary>Where an import of <paramref name="buf"/> goes: the exporting file, another file of its device or another device, by the swarm's weights.</summary>
    internal string? ImportTarget(ResourceView view, Typed buf)
    {
        var files = Live(view, t => t.Kind == Resource.DrmFile);
        List<string>[] groups =
        [
            [.. files.Where(f => TypeOf(f).File == buf.File)],
            [.. files.Where(f => TypeOf(f).Device == buf.Device && TypeOf(f).File != buf.File)],
            [.. files.Where(f => TypeOf(f).Device != buf.Device)],
        ];
        int[] weights = [swarm.ImportTarget.Self, swarm.ImportTarget.OtherFile, swarm.ImportTarget.OtherDevice];
        var open = Enumerable.Range(0, 3).Where(g => groups[g].Count > 0).ToList();
        if (open.Count == 0)
            return null;
        int total = open.Sum(g => weights[g]);
        if (total == 0)
            return Choose(view, groups[rng.Pick(open)]);
        int roll = rng.Next(total);
        return Choose(view, groups[open.First(g => (roll -= weights[g]) < 0)]);
    }

    /// <summary>Where a GEM_OPEN of <paramref name="name"/> goes: the file that made the name (a second handle there) or another file of its device.</summary>
    internal string? OpenTarget(ResourceView view, Typed name)
    {
        var files = Live(view, t => t.Kind == Resource.DrmFile && t.Device == name.Device);
        var own = files.Where(f => TypeOf(f).File == name.File).ToList();
        var other = files.Where(f => TypeOf(f).File != name.File).ToList();
        return Choose(view, (rng.Chance(swarm.OwnName) && own.Count > 0) || other.Count == 0 ? own.Count > 0 ? own : files : other);
    }
}
