using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Execution;

/// <summary>
/// fs/file.c, fs/open.c and fs/file_table.c as far as fds go: lowest free fd, fget/fput, and the
/// final fput deferred to task work (since v3.6), so releases run on the way back to
/// userspace, outside every DRM lock.
/// </summary>
public abstract partial class LinuxKernel
{
    protected FdTable files => k.Files;

    /// <summary>get_unused_fd_flags(flags): only O_CLOEXEC matters here (DRM_CLOEXEC is O_CLOEXEC).</summary>
    protected async KTask<int> get_unused_fd_flags(uint flags = 0)
    {
        await spin_lock(files.file_lock);
        int fd = files.get_unused_fd((flags & PrimeFlags.DRM_CLOEXEC) != 0);
        spin_unlock(files.file_lock);
        return fd;
    }

    protected async KTask fd_install(int fd, KFile file)
    {
        await spin_lock(files.file_lock);
        files.fd_install(fd, file);
        spin_unlock(files.file_lock);
        ex.NoteInstalled(file, files.close_on_exec(fd));
    }

    protected async KTask put_unused_fd(int fd)
    {
        await spin_lock(files.file_lock);
        files.put_unused_fd(fd);
        spin_unlock(files.file_lock);
    }

    /// <summary>
    /// FD_ADD (since 2024: install last): the caller's file reference moves to a new fd, or
    /// is dropped when no fd can be had.
    /// </summary>
    protected async KTask<int> FD_ADD(uint flags, KFile file)
    {
        int fd = await get_unused_fd_flags(flags);
        if (fd < 0)
        {
            await fput(file);
            return fd;
        }
        await fd_install(fd, file);
        return fd;
    }

    /// <summary>fget: the file at fd with a new reference, or null (atomic_long_inc_not_zero).</summary>
    protected async KTask<KFile?> fget(long fd)
    {
        await shared(TraceLabels.Fcheck(fd));
        var file = files.fcheck(fd);
        if (file is null || file.f_count == 0)
            return null;
        file.f_count++;
        ex.NoteResolved(file);
        return file;
    }

    protected async KTask fput(KFile file)
    {
        await shared(file.FputLabel);
        if (atomic_long_dec_and_test(file))
            ex.QueueTaskWork(() => __fput(file));
    }

    /// <summary>The final fput: f_op->release, then the file is freed.</summary>
    protected virtual async KTask __fput(KFile file)
    {
        await shared(file.FinalFputLabel);
        switch (file.Kind)
        {
            case FileKind.DmaBuf:
                await dma_buf_release((DmaBuf)file.private_data!);
                break;
            case FileKind.Drm:
                var file_priv = (DrmFile)file.private_data!;
                await drm_release(file_priv);
                file_priv.kfree();
                break;
        }
        file.kfree();
    }

    protected internal virtual async KTask<long> sys_close(long fd)
    {
        await spin_lock(files.file_lock);
        var filp = files.pick(fd);
        if (filp is null)
        {
            spin_unlock(files.file_lock);
            return -Errno.EBADF;
        }
        ex.NoteResolved(filp);
        spin_unlock(files.file_lock);
        await fput(filp); // filp_close
        return 0;
    }

    protected internal virtual async KTask<long> sys_dup(long fildes)
    {
        var file = await fget(fildes);
        if (file is null)
            return -Errno.EBADF;
        int ret = await get_unused_fd_flags();
        if (ret >= 0)
            await fd_install(ret, file);
        else
            await fput(file);
        return ret;
    }

    /// <summary>open("/dev/dri/cardN", O_RDWR): a new drm_file (drm_open_helper) on a new fd.</summary>
    protected internal virtual async KTask<long> sys_open(DrmDevice dev)
    {
        int fd = await get_unused_fd_flags();
        if (fd < 0)
            return fd;
        if (!await kmalloc("drm_file"))
        {
            await put_unused_fd(fd);
            return -Errno.ENOMEM;
        }
        var priv = k.NewDrmFile(dev);
        await drm_gem_open(dev, priv);
        var file = k.NewFile(FileKind.Drm, priv, readWrite: true);
        await fd_install(fd, file);
        return fd;
    }

    /// <summary>exit_files at process exit: every open fd is closed in ascending order.</summary>
    internal async KTask exit_files()
    {
        foreach (int fd in files.OpenFds().ToList())
        {
            if (files.fcheck(fd) is { Kind: FileKind.Stdio })
                continue;
            await sys_close(fd);
        }
    }
}
