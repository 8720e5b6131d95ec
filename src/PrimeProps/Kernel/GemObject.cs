namespace PrimeProps.Kernel;

/// <summary>
/// struct drm_gem_object. Fields keep the kernel's names; every access checks that the object
/// is still allocated.
/// </summary>
/// <remarks>
/// Lifetime rules differ by era (see each protocol): in v3.6 every handle holds an object
/// reference and the flink name holds one; <c>export_dma_buf</c> is a weak pointer. From the
/// seed on, the renamed <c>dma_buf</c> link holds a dma-buf reference until handle_count hits 0.
/// </remarks>
public sealed class GemObject(KernelState kernel, int id, DrmDevice device, long objectSize)
    : KObject(kernel, $"obj#{id}")
{
    private int _refcount = 1; // kref_init
    private int _handle_count;
    private DmaBuf? _dma_buf;
    private int _name;
    private DmaBufAttachment? _import_attach;
    private readonly DrmVmaOffsetNode _vma_node = new();

    public int Id { get; } = id;
    public DrmDevice dev { get { Use(); return device; } }
    public long size { get { Use(); return objectSize; } }
    public int refcount { get { Use(); return _refcount; } set { Use(); _refcount = value; } }
    public int handle_count { get { Use(); return _handle_count; } set { Use(); _handle_count = value; } }
    public int name { get { Use(); return _name; } set { Use(); _name = value; } }
    public DmaBufAttachment? import_attach { get { Use(); return _import_attach; } set { Use(); _import_attach = value; } }
    /// <summary>Which drm files may mmap the object (today's kernel; the seed-era protocols never touch it).</summary>
    public DrmVmaOffsetNode vma_node { get { Use(); return _vma_node; } }

    /// <summary>The seed's and today's name for the export cache link.</summary>
    public DmaBuf? dma_buf { get { Use(); return _dma_buf; } set { Use(); _dma_buf = value; } }

    /// <summary>v3.6's name for the same field (a weak pointer then).</summary>
    public DmaBuf? export_dma_buf { get => dma_buf; set => dma_buf = value; }

    /// <summary>Trace labels of the refcount's scheduling points, made once.</summary>
    internal string KrefGetLabel => krefGetLabel ??= $"kref_get(&{Label}->refcount)";
    internal string KrefPutLabel => krefPutLabel ??= $"kref_put(&{Label}->refcount)";
    private string? krefGetLabel, krefPutLabel;

    // Model bookkeeping read by the oracles; not kernel state, never checked for use-after-free.
    /// <summary>How many handle-table slots (in any file) point at this object.</summary>
    internal int IdrSlots;
    /// <summary>Live dma-bufs exported from this object (priv == this, exporter == its device).</summary>
    internal int LiveExports;
    internal DeviceKind DeviceKind => device.Kind;
    internal int RawHandleCount => _handle_count;
    internal int RawRefcount => _refcount;
    internal DrmVmaOffsetNode RawVmaNode => _vma_node;
    internal DmaBuf? RawDmaBuf => _dma_buf;
    internal int RawName => _name;
    internal DmaBufAttachment? RawImportAttach => _import_attach;
    internal DrmDevice RawDev => device;
}
