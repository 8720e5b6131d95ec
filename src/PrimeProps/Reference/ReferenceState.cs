using System.Text;
using PrimeProps.Kernel;

namespace PrimeProps.Reference;

/// <summary>
/// What userspace can know of the kernel, today's semantics: fds (to drm files or dma-bufs),
/// per-file handles and prime caches, buffers with their export link and flink name, and the
/// identity of every file and dma-buf (which kernel struct file it is, as fstat's st_ino would
/// tell). No refcounts: nothing a syscall returns depends on them.
/// </summary>
public sealed class ReferenceState
{
    public enum Target { Stdio, Drm, DmaBuf }

    public sealed class OpenFile(int device)
    {
        public int Device { get; } = device;
        public IdMap<int> Handles { get; init; } = new(1); // handle -> buffer
        public List<(int Buf, int Handle)> Cache { get; init; } = [];  // newest first
        /// <summary>Inserts and erases (by handle) since the cache was last empty: they shape the kernel's tree.</summary>
        public List<(bool Insert, int Buf, int Handle)> CacheLog { get; init; } = [];
    }

    public sealed class SharedBuffer(int device, int importOf)
    {
        public int Device { get; } = device;
        public int ImportOf { get; } = importOf; // the foreign dma-buf an importer object wraps, or 0
        public int Link { get; set; }            // obj->dma_buf, or 0
        public int Name { get; set; }
        public int HandleCount { get; set; }     // handles in every file
    }

    public IdMap<(Target Kind, int Id)> Fds { get; private init; } = new(0);
    /// <summary>Flink names per device: name -> buffer.</summary>
    public Dictionary<int, IdMap<int>> Names { get; private init; } = [];
    public Dictionary<int, OpenFile> Files { get; private init; } = [];
    public Dictionary<int, SharedBuffer> Buffers { get; private init; } = [];
    public Dictionary<int, int> DmaBufExporter { get; private init; } = []; // dma-buf -> buffer
    public IReadOnlyList<DeviceKind> Devices { get; private init; } = [];

    /// <summary>FD_CLOEXEC of each open fd (per fd: dup clears it).</summary>
    public Dictionary<int, bool> CloseOnExec { get; private init; } = [];
    /// <summary>Each dma-buf's access mode, O_RDWR or not, fixed by the export that made it.</summary>
    public Dictionary<int, bool> DmaBufReadWrite { get; private init; } = [];
    /// <summary>When the kernel version under test takes HANDLE_TO_FD's fd number.</summary>
    public ExportFdOrder ExportOrder { get; private init; }
    /// <summary>The calls the kernel under test has (its drm_ioctls[]); any other ioctl is EINVAL.</summary>
    public IReadOnlySet<Scenarios.OpKind> Ops { get; private init; } = NoOps; // set by Initial and Clone

    private static readonly IReadOnlySet<Scenarios.OpKind> NoOps = new HashSet<Scenarios.OpKind>();

    /// <summary>Every op declared so far (a loaded assembly's too): read when a state is made, not once per process.</summary>
    private static HashSet<Scenarios.OpKind> AllOps() => Scenarios.OpSpec.All.Select(s => s.Kind).ToHashSet();

    /// <summary>
    /// Which kernel struct file (KFile id) stands for each reference file or dma-buf, both ways:
    /// a dma-buf the reference says is the same must be the same struct file in the kernel.
    /// </summary>
    public Dictionary<(Target, int), int> KernelFile { get; private init; } = [];
    public Dictionary<int, (Target Kind, int Id)> ByKernelFile { get; private init; } = [];

    /// <summary>Files that calls have made or found but not yet put on an fd, by (thread, op).</summary>
    public Dictionary<(int Thread, int Op), (Target Kind, int Id)> PendingInstalls { get; private init; } = [];

    /// <summary>Drm files whose last fd is closed while a call still holds them (released when it is done).</summary>
    public SortedSet<int> Closing { get; private init; } = [];
    private int nextId;

    /// <summary>
    /// Whether new fds, handles and names must be the lowest free ones. True for sequential
    /// histories. In concurrent ones the kernel reserves an id before a call takes effect and
    /// frees one after (fd reservation, the handle slot held NULL during GEM_CLOSE), so an id
    /// only has to be free where the call is linearized.
    /// </summary>
    public bool StrictIds { get; private init; }

    /// <summary>Stdio holds fds 0-2, struct files 1-3, as the kernel model starts.</summary>
    public static ReferenceState Initial(IReadOnlyList<DeviceKind> devices, bool strictIds, ExportFdOrder exportOrder = ExportFdOrder.InstallLast, IReadOnlySet<Scenarios.OpKind>? ops = null)
    {
        var s = new ReferenceState { Devices = devices, StrictIds = strictIds, ExportOrder = exportOrder, Ops = ops ?? AllOps() };
        for (int fd = 0; fd < 3; fd++)
        {
            s.Fds[fd] = (Target.Stdio, fd);
            s.Bind((Target.Stdio, fd), fd + 1);
        }
        return s;
    }

    /// <summary>Ties a reference target to a kernel file; false if either is already tied elsewhere.</summary>
    public bool Bind((Target, int) target, int kernelFile)
    {
        if (KernelFile.TryGetValue(target, out int bound))
            return bound == kernelFile;
        if (!ByKernelFile.TryAdd(kernelFile, target))
            return false;
        KernelFile[target] = kernelFile;
        return true;
    }

    public int NewId() => ++nextId;

    /// <summary>The id a new fd, handle or name gets: the lowest free one, or (not strict) the kernel's if it is free.</summary>
    public int NewId<T>(IdMap<T> ids, long actual)
        => !StrictIds && actual >= ids.First && actual <= int.MaxValue && !ids.ContainsKey(actual) ? (int)actual : ids.LowestFree();

    public IdMap<int> NamesOf(int device)
    {
        if (!Names.TryGetValue(device, out var names))
            Names[device] = names = new IdMap<int>(1);
        return names;
    }

    public ReferenceState Clone() => new()
    {
        Devices = Devices,
        StrictIds = StrictIds,
        ExportOrder = ExportOrder,
        Ops = Ops,
        CloseOnExec = new(CloseOnExec),
        DmaBufReadWrite = new(DmaBufReadWrite),
        nextId = nextId,
        Fds = Fds.Clone(),
        Names = Names.ToDictionary(p => p.Key, p => p.Value.Clone()),
        Files = Files.ToDictionary(p => p.Key, p => new OpenFile(p.Value.Device) { Handles = p.Value.Handles.Clone(), Cache = [.. p.Value.Cache], CacheLog = [.. p.Value.CacheLog] }),
        Buffers = Buffers.ToDictionary(p => p.Key, p => new SharedBuffer(p.Value.Device, p.Value.ImportOf)
            { Link = p.Value.Link, Name = p.Value.Name, HandleCount = p.Value.HandleCount }),
        DmaBufExporter = new(DmaBufExporter),
        KernelFile = new(KernelFile),
        ByKernelFile = new(ByKernelFile),
        Closing = new(Closing),
        PendingInstalls = new(PendingInstalls),
    };

    /// <summary>A canonical text of the state, for memoizing the linearizability search.</summary>
    public string Key()
    {
        var sb = new StringBuilder();
        foreach (var (fd, t) in Fds.Items)
            sb.Append(fd).Append(':').Append((int)t.Kind).Append('.').Append(t.Id).Append(CloseOnExec.GetValueOrDefault(fd) ? "e " : " ");
        foreach (var (buf, rw) in DmaBufReadWrite.OrderBy(p => p.Key))
            sb.Append(rw ? 'w' : 'r').Append(buf);
        foreach (var (id, f) in Files.OrderBy(p => p.Key))
        {
            sb.Append("|F").Append(id).Append('@').Append(f.Device);
            foreach (var (h, b) in f.Handles.Items)
                sb.Append(' ').Append(h).Append('>').Append(b);
            foreach (var (b, h) in f.Cache)
                sb.Append(" c").Append(b).Append('/').Append(h);
            foreach (var (insert, b, h) in f.CacheLog)
                sb.Append(insert ? " +" : " -").Append(b).Append('/').Append(h);
        }
        foreach (var (id, b) in Buffers.OrderBy(p => p.Key))
            sb.Append("|B").Append(id).Append(' ').Append(b.ImportOf).Append(' ').Append(b.Link).Append(' ').Append(b.Name);
        foreach (var (t, k) in KernelFile.OrderBy(p => p.Key))
            sb.Append("|k").Append((int)t.Item1).Append('.').Append(t.Item2).Append('=').Append(k);
        foreach (var c in Closing)
            sb.Append("|z").Append(c);
        foreach (var (call, t) in PendingInstalls.OrderBy(p => p.Key))
            sb.Append("|p").Append(call.Thread).Append('.').Append(call.Op).Append('=').Append((int)t.Kind).Append('.').Append(t.Id);
        return sb.Append("|n").Append(nextId).ToString();
    }
}
