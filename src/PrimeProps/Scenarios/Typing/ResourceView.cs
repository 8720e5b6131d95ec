namespace PrimeProps.Scenarios.Typing;

/// <summary>
/// One thread's reading of a scenario: the setup's calls, then the thread's own, in order
/// (another thread's calls may or may not have happened, so they close nothing here). It types
/// each call's result and says whether a call's input is deliberately bad. The generator draws
/// with it and the classifier reads with it, so the two agree by construction.
/// </summary>
public sealed class ResourceView
{
    private readonly HashSet<string> closedFds;
    private readonly HashSet<int> closedHandles;
    private readonly HashSet<int> releasedFiles;
    private readonly Dictionary<(int File, int Object), int> primeCache; // the handle a file's cache hands out for an object

    public ResourceView(ResourceTable table, int thread = -1)
        : this(table, thread, [], [], [], []) { }

    private ResourceView(ResourceTable table, int thread, HashSet<string> fds, HashSet<int> handles, HashSet<int> files, Dictionary<(int, int), int> cache)
        => (Table, Thread, closedFds, closedHandles, releasedFiles, primeCache) = (table, thread, fds, handles, files, cache);

    public ResourceTable Table { get; }

    /// <summary>The thread this view reads for (-1: the setup).</summary>
    public int Thread { get; }

    /// <summary>This view's state as the start of <paramref name="thread"/>'s view.</summary>
    public ResourceView ForThread(int thread) => new(Table, thread, [.. closedFds], [.. closedHandles], [.. releasedFiles], new(primeCache));

    /// <summary>Whether <paramref name="var"/> was closed before this point of this view (an fd closed, a handle closed or its file released).</summary>
    public bool IsClosed(string var)
    {
        var t = Table.TypeOf(var);
        return t.Kind switch
        {
            Resource.DrmFile or Resource.DmaBuf => closedFds.Contains(var),
            Resource.Handle => closedHandles.Contains(t.Handle) || releasedFiles.Contains(t.File),
            _ => false,
        };
    }

    /// <summary>A typed value this view may use: made, not closed, not the result of a bad call.</summary>
    public bool IsLive(string var) => Table.IsTyped(var) && Table.TypeOf(var).Kind is not (Resource.Invalid or Resource.Unknown) && !IsClosed(var);

    /// <summary>Why <paramref name="op"/>'s input is bad here, or <see cref="BadInput.None"/>.</summary>
    public BadInput Check(Op op)
    {
        var spec = OpSpec.Of(op.Kind);
        Typed file = default;
        for (int i = 0; i < op.Args.Count; i++)
        {
            var a = op.Args[i];
            var bad = spec.Params[i] switch
            {
                ValueKind.Flags => (a.Raw & ~(long)(PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR)) != 0 ? BadInput.BadFlags : BadInput.None,
                ValueKind.Fd or ValueKind.Handle or ValueKind.Name => CheckValue(op.Kind, i, a, file),
                _ => BadInput.None,
            };
            if (bad != BadInput.None)
                return bad;
            if (i == 0 && a.IsRef)
                file = Table.TypeOf(a.Var!);
        }
        return BadInput.None;
    }

    private BadInput CheckValue(OpKind kind, int slot, Arg a, Typed file)
    {
        if (!a.IsRef)
            return BadInput.RawNumber;
        if (!Table.IsTyped(a.Var!))
            return BadInput.None; // another thread's result the reading has not reached: it cannot say
        var t = Table.TypeOf(a.Var!);
        if (t.Kind == Resource.Invalid)
            return BadInput.NoSuchValue;
        if (t.Kind == Resource.Unknown || file.Kind == Resource.Unknown && slot > 0)
            return BadInput.None;
        bool right = (kind, slot) switch
        {
            (OpKind.Close or OpKind.Dup, 0) => t.IsFd,
            (OpKind.FdToHandle, 1) => t.Kind == Resource.DmaBuf,
            (_, 0) => t.Kind == Resource.DrmFile,
            (OpKind.GemOpen, 1) => t.Kind == Resource.Name && t.Device == file.Device,
            _ => t.Kind == Resource.Handle && t.File == file.File,
        };
        if (!right)
            return BadInput.WrongKind;
        return IsClosed(a.Var!) ? BadInput.Closed : BadInput.None;
    }

    /// <summary>
    /// Reads <paramref name="op"/>: types its result, records what it closes; returns why its
    /// input is bad (<paramref name="known"/>, when the caller already knows it is).
    /// </summary>
    public BadInput Apply(Op op, BadInput known = BadInput.None)
    {
        var bad = known != BadInput.None ? known : Check(op);
        var args = op.Args.Select(a => a.IsRef && a.Kind != ValueKind.Device ? Table.TypeOf(a.Var!) : Typed.Unknown).ToArray();
        bool unknown = op.Args.Select((a, i) => a.IsRef && a.Kind != ValueKind.Device && args[i].Kind == Resource.Unknown).Any(u => u);
        var result = bad != BadInput.None ? Typed.Invalid : unknown ? Typed.Unknown : Effect(op, args);
        if (op.Result is { } name)
            Table.Define(name, result, Thread);
        return bad;
    }

    private Typed Effect(Op op, Typed[] args)
    {
        switch (op.Kind)
        {
            case OpKind.Open:
                return new Typed(Resource.DrmFile, Table.DeviceOf(op.Args[0].Var!), Table.NewFile());
            case OpKind.Dup:
                return args[0];
            case OpKind.CreateDumb:
                return new Typed(Resource.Handle, args[0].Device, args[0].File, Table.NewObject(args[0].Device), Handle: Table.NewHandle(), Origin: HandleOrigin.Created);
            case OpKind.HandleToFd:
            {
                var (file, h) = (args[0], args[1]);
                int buffer = Table.BufferFor(h.Object, file.File);
                primeCache.TryAdd((file.File, h.Object), h.Handle);
                var (obj, device, exporter) = Table.Buffer(buffer);
                return new Typed(Resource.DmaBuf, device, exporter, obj, buffer);
            }
            case OpKind.FdToHandle:
            {
                var (file, buf) = (args[0], args[1]);
                bool foreign = Table.DeviceOfObject(buf.Object) != file.Device;
                int obj = foreign ? Table.ImportedObject(file.File, file.Device, buf.Buffer) : buf.Object;
                var origin = foreign ? HandleOrigin.ForeignImport : buf.File == file.File ? HandleOrigin.SelfImport : HandleOrigin.SameDeviceImport;
                if (!primeCache.TryGetValue((file.File, obj), out var handle) || closedHandles.Contains(handle))
                    primeCache[(file.File, obj)] = handle = Table.NewHandle();
                return new Typed(Resource.Handle, file.Device, file.File, obj, buf.Buffer, handle, origin);
            }
            case OpKind.Flink:
                return new Typed(Resource.Name, args[0].Device, args[0].File, args[1].Object);
            case OpKind.GemOpen:
                return new Typed(Resource.Handle, args[0].Device, args[0].File, args[1].Object, Handle: Table.NewHandle(), Origin: HandleOrigin.Opened);
            case OpKind.GemClose:
                closedHandles.Add(args[1].Handle);
                return Typed.Unknown;
            case OpKind.GemChangeHandle:
            {
                // The object moves to a new handle of the same file; the old one is gone, and so is its cache entry.
                var (file, old) = (args[0], args[1]);
                closedHandles.Add(old.Handle);
                var moved = old with { Handle = Table.NewHandle() };
                if (primeCache.TryGetValue((file.File, old.Object), out var cached) && cached == old.Handle)
                    primeCache[(file.File, old.Object)] = moved.Handle;
                return moved;
            }
            case OpKind.Close:
                Close(op.Args[0].Var!, args[0]);
                return Typed.Unknown;
            default:
                return Typed.Unknown;
        }
    }

    private void Close(string var, Typed fd)
    {
        closedFds.Add(var);
        // The drm file is released with its handles once no fd of it is left open here.
        if (fd.Kind == Resource.DrmFile && !Table.Variables.Any(v => Table.TypeOf(v) is { Kind: Resource.DrmFile } t && t.File == fd.File && !closedFds.Contains(v)))
            releasedFiles.Add(fd.File);
    }
}
