namespace PrimeProps.Kernel;

/// <summary>
/// What fcntl says about an fd: FD_CLOEXEC (F_GETFD, per fd: DRM_CLOEXEC sets it on export,
/// dup clears it) and the file's access mode (F_GETFL &amp; O_ACCMODE, per struct file: a
/// dma-buf's is fixed by the export that made it, DRM_RDWR giving O_RDWR, else O_RDONLY).
/// Every call that returns an fd reports these for it; no separate observation op is needed.
/// </summary>
public readonly record struct FdFlags(bool Cloexec, bool ReadWrite)
{
    /// <summary>"cloexec,rdwr" / "-,rdonly": how traces, mismatches and the lane print them.</summary>
    public override string ToString() => $"{(Cloexec ? "cloexec" : "-")},{(ReadWrite ? "rdwr" : "rdonly")}";
}
