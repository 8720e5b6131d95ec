using System.Diagnostics;

namespace PrimeProps.Kernel;

/// <summary>
/// All kernel state of one run: devices, the process fd table, and every allocation ever made
/// (freed ones included, so stale pointers and leaks can be named).
/// </summary>
public sealed class KernelState
{
    public List<DrmDevice> Devices { get; } = [];
    public FdTable Files { get; } = new();
    public List<GemObject> Objects { get; } = [];
    public List<DmaBuf> DmaBufs { get; } = [];
    public List<KFile> OpenedFiles { get; } = [];
    public List<DrmFile> DrmFiles { get; } = [];
    public List<DmaBufAttachment> Attachments { get; } = [];

    /// <summary>
    /// Every dma-buf ever made, lowest kernel address first. Where a new one lands among the
    /// earlier ones is a choice of the run (the slab allocator's, in the kernel): given how
    /// many exist, <see cref="PlaceDmaBuf"/> returns its position (0 = lowest); by default
    /// each goes above all earlier ones. Only the order matters: it shapes the prime caches' trees.
    /// </summary>
    private readonly List<DmaBuf> byAddress = [];
    public Func<int, int>? PlaceDmaBuf { get; set; }
    /// <summary>The position each dma-buf took, in order of creation (recorded like a schedule).</summary>
    public List<int> AddressChoices { get; } = [];

    // Objects touched in the current step and since the last quiescent point, each listed once.
    internal int StepNumber;
    internal int WindowNumber;
    public List<KObject> StepTouched { get; } = [];
    public List<KObject> WindowTouched { get; } = [];

    public KernelState()
    {
        for (int fd = 0; fd < 3; fd++)
        {
            var stdio = NewFile(FileKind.Stdio, null);
            Files.fd_install(Files.get_unused_fd(), stdio);
        }
    }

    public DrmDevice AddDevice(string name, DeviceKind kind)
    {
        var dev = new DrmDevice(Devices.Count, name, kind);
        Devices.Add(dev);
        return dev;
    }

    public GemObject NewGemObject(DrmDevice dev, long size) => Add(Objects, new GemObject(this, Objects.Count + 1, dev, size));
    public DmaBuf NewDmaBuf(DrmDevice exporter, GemObject priv, long size)
    {
        var buf = Add(DmaBufs, new DmaBuf(this, DmaBufs.Count + 1, exporter, priv, size));
        int at = Math.Clamp(PlaceDmaBuf?.Invoke(byAddress.Count) ?? byAddress.Count, 0, byAddress.Count);
        byAddress.Insert(at, buf);
        AddressChoices.Add(at);
        return buf;
    }

    /// <summary>The dma-buf's rank by kernel address among all made so far: what pointer comparisons see.</summary>
    public int AddressOf(DmaBuf buf) => byAddress.IndexOf(buf);
    public KFile NewFile(FileKind kind, object? privateData, bool readWrite = false)
        => Add(OpenedFiles, new KFile(this, OpenedFiles.Count + 1, kind, privateData) { ReadWrite = readWrite });
    public DrmFile NewDrmFile(DrmDevice dev) => Add(DrmFiles, new DrmFile(this, DrmFiles.Count + 1, dev));
    public DmaBufAttachment NewAttachment(DmaBuf buf, DrmDevice importer) => Add(Attachments, new DmaBufAttachment(this, Attachments.Count + 1, buf, importer));

    private T Add<T>(List<T> list, T item) where T : KObject
    {
        list.Add(item);
        Touched(item);
        return item;
    }

    internal void Touched(KObject obj)
    {
        if (obj.touchedStep != StepNumber)
        {
            obj.touchedStep = StepNumber;
            StepTouched.Add(obj);
        }
        if (obj.touchedWindow != WindowNumber)
        {
            obj.touchedWindow = WindowNumber;
            WindowTouched.Add(obj);
        }
    }

    internal void NextStep()
    {
        StepNumber++;
        StepTouched.Clear();
    }

    internal void NextWindow()
    {
        WindowNumber++;
        WindowTouched.Clear();
    }

    /// <summary>Builds the exception a primitive throws, naming the kernel function that misbehaved.</summary>
    public KernelBugException Bug(OracleKind oracle, string message, params KObject[] objects)
        => new(new Violation(oracle, message, KernelFunctionOnStack(), objects.Select(o => o.Label).ToArray()));

    /// <summary>
    /// The kernel functions on the stack, innermost first ("get_file &lt;- get_dma_buf").
    /// Kernel functions keep their C names (lower case); model helpers and field accessors are
    /// skipped, and async state machines appear as "&lt;name&gt;d__N", so the name is read back
    /// from the frame. Only the synchronous part of the chain is on the stack: frames
    /// above the first KTask completion are whoever resumed the code, not its callers.
    /// </summary>
    private static string KernelFunctionOnStack()
    {
        var names = new List<string>();
        foreach (var frame in new StackTrace(2, false).GetFrames())
        {
            var method = frame.GetMethod();
            var ns = method?.DeclaringType?.Namespace;
            if (ns == typeof(KTask).Namespace && names.Count > 0)
                break; // past here the frames resumed this code; they did not call it
            if (method is null || method.IsSpecialName || ns == typeof(KernelState).Namespace || ns == typeof(KTask).Namespace)
                continue;
            var name = method.Name;
            var type = method.DeclaringType?.Name ?? "";
            if (name == "MoveNext" && type.StartsWith('<') && type.IndexOf('>') is > 1 and var end)
                name = type[1..end];
            if (name.Length > 0 && char.IsLower(name[0]) && (names.Count == 0 || names[^1] != name))
                names.Add(name);
            if (names.Count == 3)
                break;
        }
        return names.Count == 0 ? "?" : string.Join(" <- ", names);
    }
}
