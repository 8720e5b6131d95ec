using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// Linux 6.12 as Debian ships it (6.12.38 and later stable releases, so Debian's 6.12.10x):
/// mainline of that time plus the 2025 stable backport of bd46cece51a3 (handle slots
/// reserved holding NULL, published by idr_replace), which <see cref="Modern"/> already has,
/// as it has the two-stage GEM_CLOSE of f6cd7daecff5 (in every kernel since 4.10).
/// The one difference from today: PRIME_HANDLE_TO_FD reserves its fd number first (Al Viro's
/// 2024 split into drm_gem_prime_handle_to_dmabuf, before FD_ADD), so with a full fd table
/// EMFILE wins over ENOENT and nothing is exported.
/// </summary>
public class V6_12 : Modern
{
    public override string Name => "v6.12";
    public override string Description => "Linux 6.12.38+ (Debian 6.12.10x): as modern, but HANDLE_TO_FD reserves its fd before exporting";
    public override ExportFdOrder ExportFdOrder => ExportFdOrder.ReserveFirst;

    /// <summary>GEM_CHANGE_HANDLE came with 6.18: 6.12's drm_ioctls[] (and so 6.1's) has no entry for it.</summary>
    public override IReadOnlySet<Scenarios.OpKind> Ops => Scenarios.OpSpec.Classic;

    protected override async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
    {
        int fd = await get_unused_fd_flags(flags);
        if (fd < 0)
            return fd;

        var (dmabuf, err) = await drm_gem_prime_handle_to_dmabuf(dev, file_priv, handle, flags);
        if (dmabuf is null)
        {
            await put_unused_fd(fd);
            return err;
        }

        await fd_install(fd, dmabuf.file);
        prime_fd.Value = fd;
        return 0;
    }
}
