namespace PrimeProps.Kernel;

/// <summary>
/// When PRIME_HANDLE_TO_FD takes its fd number, which decides which error wins when the fd
/// table is full and the handle is bad, and whether a failed export leaves an fd reserved.
/// </summary>
public enum ExportFdOrder
{
    /// <summary>Mainline since FD_ADD: export (lookup, cache) first, then reserve and install the fd; ENOENT before EMFILE.</summary>
    InstallLast,
    /// <summary>6.10 to 6.18: get_unused_fd_flags before anything else; EMFILE before ENOENT, and an EMFILE export exports nothing.</summary>
    ReserveFirst,
    /// <summary>Up to 6.9: dma_buf_fd while file_priv->prime.lock is held, after the export and the cache entry; ENOENT before EMFILE.</summary>
    InsideLock,
}
