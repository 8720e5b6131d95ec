namespace PrimeProps.Kernel;

/// <summary>
/// struct dma_buf. Its lifetime is the f_count of its <see cref="file"/>: every fd, the
/// export cache link, prime cache entries (from v3.10) and importer attachments hold one.
/// </summary>
public sealed class DmaBuf(KernelState kernel, int id, DrmDevice exporter, GemObject exporterObject, long bufferSize)
    : KObject(kernel, $"dmabuf#{id}")
{
    private KFile? _file;

    public int Id { get; } = id;
    /// <summary>Identifies dma_buf->ops: the exporting device's driver.</summary>
    public DrmDevice ops { get { Use(); return exporter; } }
    public GemObject priv { get { Use(); return exporterObject; } }
    public long size { get { Use(); return bufferSize; } }
    public KFile file { get { Use(); return _file!; } set { Use(); _file = value; } }
    public List<DmaBufAttachment> attachments { get { Use(); return attachmentList; } }
    private readonly List<DmaBufAttachment> attachmentList = [];

    internal string GetFileLabel => getFileLabel ??= $"get_file(&{Label}->file)";
    private string? getFileLabel;

    // Model bookkeeping: prime cache entries (in any file) that point at this dma-buf.
    internal int CacheEntries;
    internal GemObject RawPriv => exporterObject;
    internal DrmDevice RawExporter => exporter;
    internal KFile? RawFile => _file;
    internal bool CountedAsExport;

    protected override void OnFreed()
    {
        if (CountedAsExport)
            exporterObject.LiveExports--;
    }
}

/// <summary>struct dma_buf_attachment: an importer device's link to a foreign dma-buf.</summary>
public sealed class DmaBufAttachment(KernelState kernel, int id, DmaBuf attachedTo, DrmDevice importer)
    : KObject(kernel, $"attach#{id}")
{
    public DmaBuf dmabuf { get { Use(); return attachedTo; } }
    public DrmDevice dev { get { Use(); return importer; } }
    internal DmaBuf RawDmaBuf => attachedTo;
}
