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
        var typing = TypingOf(spec);
        Typed file = default;
        for (int i = 0; i < op.Args.Count; i++)
        {
            var a = op.Args[i];
            var bad = spec.Params[i] switch
            {
                ValueKind.Flags => (a.Raw & ~(long)(PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR)) != 0 ? BadInput.BadFlags : BadInput.None,
                ValueKind.Fd or ValueKind.Handle or ValueKind.Name => CheckValue(typing, spec.Params[i], i, a, file),
                _ => BadInput.None,
            };
            if (bad != BadInput.None)
                return bad;
            if (i == 0 && a.IsRef)
                file = Table.TypeOf(a.Var!);
        }
        return BadInput.None;
    }

    private static ITypedOp TypingOf(OpSpec spec)
        => spec as ITypedOp ?? throw new InvalidOperationException($"op '{spec.Name}' declares no typing ({nameof(ITypedOp)})");

    private BadInput CheckValue(ITypedOp typing, ValueKind kind, int slot, Arg a, Typed file)
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
        if (!typing.Accepts(kind, slot, t, file))
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

    private Typed Effect(Op op, Typed[] args) => TypingOf(OpSpec.Of(op.Kind)).Effect(this, op, args);

    /// <summary>Marks handle identity <paramref name="handle"/> closed in this view (a GEM_CLOSE, or the old number of a moved handle).</summary>
    public void CloseHandle(int handle) => closedHandles.Add(handle);

    /// <summary>Whether handle identity <paramref name="handle"/> was closed in this view.</summary>
    public bool IsHandleClosed(int handle) => closedHandles.Contains(handle);

    /// <summary>The handle identity a file's prime cache hands out for an object, as far as this view has seen the cache filled.</summary>
    public Dictionary<(int File, int Object), int> PrimeCache => primeCache;

    /// <summary>Marks fd variable <paramref name="var"/> closed; the drm file goes with its last fd.</summary>
    public void CloseFd(string var, Typed fd)
    {
        closedFds.Add(var);
        // The drm file is released with its handles once no fd of it is left open here.
        if (fd.Kind == Resource.DrmFile && !Table.Variables.Any(v => Table.TypeOf(v) is { Kind: Resource.DrmFile } t && t.File == fd.File && !closedFds.Contains(v)))
            releasedFiles.Add(fd.File);
    }
}
