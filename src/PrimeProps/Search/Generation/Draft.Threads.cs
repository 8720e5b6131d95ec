using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

internal sealed partial class Draft
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
            if (kind != OpKind.Open && rng.Chance(options.BadInputPercent))
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

    private OpKind DrawKind()
    {
        int roll = rng.Next(swarm.Weights.Sum(w => w.Weight));
        return swarm.Weights.First(w => (roll -= w.Weight) < 0).Op;
    }

    private bool DrawGood(ResourceView view, OpKind kind, List<Op> ops, List<Op> deferred)
    {
        switch (kind)
        {
            case OpKind.Open:
                Emit(view, ops, Make(OpKind.Open, DeviceArg(rng.Next(devices.Count))), bad: false);
                return true;
            case OpKind.CreateDumb:
                return NeedFile(view, ops) is { } file && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, file)));
            case OpKind.GemClose:
            {
                if (NeedHandle(view, ops, t => !handleDestroyer.ContainsKey(t.Handle), destroy: true) is not { } h || FdOfFile(view, TypeOf(h).File) is not { } fd)
                    return false;
                handleDestroyer[TypeOf(h).Handle] = view.Thread;
                Destroy(view, ops, deferred, Make(kind, Ref(ValueKind.Fd, fd), Ref(ValueKind.Handle, h)), table.OwnerOf(h) != view.Thread);
                return true;
            }
            case OpKind.HandleToFd:
            {
                var h = rng.Chance(swarm.ReExport) ? Pick(view, t => t is { Kind: Resource.Handle, Origin: HandleOrigin.ForeignImport }) : null;
                h ??= NeedHandle(view, ops, _ => true);
                return h is not null && FdOfFile(view, TypeOf(h).File) is { } fd
                    && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, fd), Ref(ValueKind.Handle, h), Flags()));
            }
            case OpKind.FdToHandle:
                return NeedBuffer(view, ops) is { } buf && ImportTarget(view, TypeOf(buf)) is { } into
                    && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, into), Ref(ValueKind.Fd, buf)));
            case OpKind.Close:
            {
                bool ofFile = rng.Chance(swarm.CloseFile);
                Func<Typed, bool> closable = t => t.Kind == (ofFile ? Resource.DrmFile : Resource.DmaBuf);
                var fd = Choose(view, Live(view, closable).Where(v => !destroyer.ContainsKey(v) && !IsForeign(view, v)).ToList());
                if (fd is null)
                    return false;
                destroyer[fd] = view.Thread;
                Destroy(view, ops, deferred, Make(kind, Ref(ValueKind.Fd, fd)), table.OwnerOf(fd) != view.Thread);
                return true;
            }
            case OpKind.Dup:
                return Pick(view, t => t.IsFd) is { } any && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, any)));
            case OpKind.Flink:
                return NeedHandle(view, ops, _ => true) is { } handle && FdOfFile(view, TypeOf(handle).File) is { } owner
                    && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, owner), Ref(ValueKind.Handle, handle)));
            case OpKind.GemOpen:
                return NeedName(view, ops) is { } name && OpenTarget(view, TypeOf(name)) is { } at
                    && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, at), Ref(ValueKind.Name, name)));
            case OpKind.GemChangeHandle:
                // Any live handle, shared ones too: another thread's GEM_CLOSE of the old number is the race its history fixed.
                return NeedHandle(view, ops, _ => true) is { } moved && FdOfFile(view, TypeOf(moved).File) is { } in_
                    && Emitted(view, ops, Make(kind, Ref(ValueKind.Fd, in_), Ref(ValueKind.Handle, moved), NewHandleNumber()));
            default:
                return false;
        }
    }

    private bool Emitted(ResourceView view, List<Op> ops, Op op)
    {
        Emit(view, ops, op, bad: false);
        return true;
    }

    private bool IsForeign(ResourceView view, string var) => table.OwnerOf(var) is { } t && t != view.Thread && t != Scenario.SetupThread;

    /// <summary>
    /// A close or GEM_CLOSE: of a value the threads share, mostly at the thread's end so the
    /// other threads use it first and race with it; of the thread's own, now and then followed
    /// by a call that takes the freed number again.
    /// </summary>
    private void Destroy(ResourceView view, List<Op> ops, List<Op> deferred, Op op, bool shared)
    {
        if (shared && rng.Chance(swarm.DeferDestroy))
        {
            deferred.Add(op);
            return;
        }
        Emit(view, ops, op, bad: false);
        if (!rng.Chance(swarm.Reuse))
            return;
        if (op.Kind == OpKind.GemClose && Allowed(OpKind.CreateDumb) && view.IsLive(op[0].Var!))
            Emit(view, ops, Make(OpKind.CreateDumb, op[0]), bad: false);
        else if (op.Kind == OpKind.Close && Allowed(OpKind.Dup) && Pick(view, t => t.IsFd) is { } fd)
            Emit(view, ops, Make(OpKind.Dup, Ref(ValueKind.Fd, fd)), bad: false);
    }

    private string? NeedFile(ResourceView view, List<Op> ops)
    {
        var file = Pick(view, t => t.Kind == Resource.DrmFile);
        if (file is not null || !Allowed(OpKind.Open))
            return file;
        var open = Make(OpKind.Open, DeviceArg(rng.Next(devices.Count)));
        Emit(view, ops, open, bad: false);
        return open.Result;
    }

    private string? NeedHandle(ResourceView view, List<Op> ops, Func<Typed, bool> fits, bool destroy = false)
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

    private string? NeedBuffer(ResourceView view, List<Op> ops)
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
    private string? NeedName(ResourceView view, List<Op> ops)
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
    private string? ImportTarget(ResourceView view, Typed buf)
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
    private string? OpenTarget(ResourceView view, Typed name)
    {
        var files = Live(view, t => t.Kind == Resource.DrmFile && t.Device == name.Device);
        var own = files.Where(f => TypeOf(f).File == name.File).ToList();
        var other = files.Where(f => TypeOf(f).File != name.File).ToList();
        return Choose(view, (rng.Chance(swarm.OwnName) && own.Count > 0) || other.Count == 0 ? own.Count > 0 ? own : files : other);
    }
}
