using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Execution;

/// <summary>
/// The Linux kernel of one era, as far as GEM and PRIME go. The VFS and dma-buf core live in
/// this base class; each era (a subclass) writes drm_gem.c, drm_prime.c and its driver's
/// callbacks as they were, with the kernel's names. Every kernel function is virtual, so a
/// patch under review or a deliberate mutant is a subclass that overrides a few functions.
/// </summary>
public abstract partial class LinuxKernel
{
    private Executor ex = null!;
    protected KernelState k = null!;

    /// <summary>The name the command line and scenario files use, e.g. "v3.6".</summary>
    public abstract string Name { get; }

    /// <summary>One line on what this protocol models.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Whether userspace should see today's semantics (the sequential reference model); true
    /// for the modern protocol and its variants, whose results are then checked against it.
    /// </summary>
    public virtual bool FollowsModernReference => false;

    /// <summary>
    /// The calls this era's kernel has: its drm_ioctls[] table. An ioctl outside it is EINVAL
    /// (drm_ioctl's answer to an nr beyond the table), the generator never draws it, and the
    /// reference expects EINVAL for it. GEM_CHANGE_HANDLE came with Linux 6.18.
    /// </summary>
    public virtual IReadOnlySet<OpKind> Ops => OpSpec.Classic;

    /// <summary>When HANDLE_TO_FD takes its fd number (the reference needs it for EMFILE against ENOENT).</summary>
    public virtual ExportFdOrder ExportFdOrder => ExportFdOrder.InstallLast;

    internal void Attach(Executor executor, KernelState state)
    {
        ex = executor;
        k = state;
    }

    /// <summary>
    /// Userspace enters the kernel here, where the op's declaration says (<see cref="IKernelEntry"/>).
    /// A scenario's numbers are 64-bit; the kernel reads fds as the syscalls' unsigned int and
    /// the ioctl structs' handles and names as __u32.
    /// </summary>
    public KTask<long> Syscall(Op op, SyscallArgs a) => Entry(op.Kind).Syscall(this, op, a);

    private static IKernelEntry Entry(OpKind kind)
        => OpSpec.Of(kind) as IKernelEntry ?? throw new InvalidOperationException($"op '{OpSpec.Of(kind).Name}' declares no kernel entry ({nameof(IKernelEntry)})");

    /// <summary>ioctl(2) on a drm fd: the file is pinned with fget for the ioctl's duration.</summary>
    protected internal virtual async KTask<long> sys_ioctl(OpKind kind, SyscallArgs a)
    {
        var filp = await fget((uint)a.A); // SYSCALL_DEFINE3(ioctl, unsigned int, fd, ...)
        if (filp is null)
            return -Errno.EBADF;
        long ret;
        if (filp.Kind != FileKind.Drm)
            ret = -Errno.ENOTTY; // a dma-buf or stdio file has no DRM ioctls
        else
            ret = await drm_ioctl((DrmFile)filp.private_data!, kind, a);
        await fput(filp);
        return ret;
    }

    /// <summary>drm_ioctl: dispatch to the ioctl function (the op's <see cref="IKernelEntry.Ioctl"/>); returns the ioctl's output value or -errno.</summary>
    protected internal virtual async KTask<long> drm_ioctl(DrmFile file_priv, OpKind kind, SyscallArgs a)
    {
        var dev = file_priv.dev;
        var result = new Out<long>();
        if (!Ops.Contains(kind))
            return -Errno.EINVAL; // not in this era's drm_ioctls[]
        int ret = await Entry(kind).Ioctl(this, dev, file_priv, a, result); // ioctl->func(dev, kdata, file_priv)
        return ret < 0 ? ret : result.Value;
    }

    // The ioctl functions (and sys_open, sys_close, sys_dup) are protected internal: the op
    // declarations in PrimeProps.Ops are the drm_ioctls[] rows that call them.
    protected internal abstract KTask<int> drm_mode_create_dumb_ioctl(DrmDevice dev, DrmFile file_priv, int width, int height, int bpp, Out<long> handle);
    protected internal abstract KTask<int> drm_gem_close_ioctl(DrmDevice dev, DrmFile file_priv, uint handle);
    protected internal abstract KTask<int> drm_prime_handle_to_fd_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> fd);
    protected internal abstract KTask<int> drm_prime_fd_to_handle_ioctl(DrmDevice dev, DrmFile file_priv, long fd, Out<long> handle);
    protected internal abstract KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name);
    protected internal abstract KTask<int> drm_gem_open_ioctl(DrmDevice dev, DrmFile file_priv, uint name, Out<long> handle);

    /// <summary>DRM_IOCTL_GEM_CHANGE_HANDLE (struct drm_gem_change_handle: __u32 handle, new_handle); only eras whose <see cref="Ops"/> have it reach it.</summary>
    protected internal virtual async KTask<int> drm_gem_change_handle_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint new_handle, Out<long> result)
        => -Errno.EINVAL;

    /// <summary>drm_open_helper's GEM and PRIME part (drm_gem_open, drm_prime_init_file_private).</summary>
    protected virtual async KTask drm_gem_open(DrmDevice dev, DrmFile file_priv) { }

    /// <summary>drm_release's GEM and PRIME part: drm_gem_release, drm_prime_destroy_file_private.</summary>
    protected abstract KTask drm_release(DrmFile file_priv);

    /// <summary>dma_buf->ops->release: the exporting driver's callback at the dma-buf's last fput.</summary>
    protected abstract KTask dma_buf_ops_release(DmaBuf dmabuf);
}
