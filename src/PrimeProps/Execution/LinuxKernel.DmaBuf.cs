using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Execution;

/// <summary>
/// drivers/base/dma-buf.c: a dma-buf lives exactly as long as its anon-inode file, so every
/// reference to a dma-buf is a reference on that file.
/// </summary>
public abstract partial class LinuxKernel
{
    /// <summary>dma_buf_export: a new dma-buf and its file (f_count 1, owned by the caller).</summary>
    protected virtual async KTask<DmaBuf?> dma_buf_export(GemObject priv, DrmDevice ops, long size, bool readWrite)
    {
        if (!await kmalloc("dma_buf"))
            return null; // ERR_PTR(-ENOMEM)
        var dmabuf = k.NewDmaBuf(ops, priv, size);
        if (ops == priv.dev)
        {
            dmabuf.CountedAsExport = true;
            priv.LiveExports++;
        }
        dmabuf.file = k.NewFile(FileKind.DmaBuf, dmabuf, readWrite); // anon_inode_getfile
        return dmabuf;
    }

    /// <summary>dma_buf_fd: installs the dma-buf's file on the lowest free fd (the caller's reference moves to the fd).</summary>
    protected virtual async KTask<int> dma_buf_fd(DmaBuf? dmabuf, uint flags)
    {
        if (dmabuf is null)
            return -Errno.EINVAL;
        int fd = await get_unused_fd_flags(flags);
        if (fd < 0)
            return fd;
        await fd_install(fd, dmabuf.file);
        return fd;
    }

    /// <summary>dma_buf_get: the dma-buf behind fd with a new file reference; EBADF or EINVAL.</summary>
    protected virtual async KTask<(DmaBuf? buf, int err)> dma_buf_get(long fd)
    {
        var file = await fget(fd);
        if (file is null)
            return (null, -Errno.EBADF);
        if (file.Kind != FileKind.DmaBuf)
        {
            await fput(file);
            return (null, -Errno.EINVAL);
        }
        return ((DmaBuf)file.private_data!, 0);
    }

    protected virtual async KTask dma_buf_put(DmaBuf dmabuf) => await fput(dmabuf.file);

    /// <summary>get_dma_buf: get_file(dmabuf->file).</summary>
    protected virtual async KTask get_dma_buf(DmaBuf? dmabuf)
    {
        await shared(dmabuf?.GetFileLabel ?? "get_file(&NULL->file)");
        get_file(deref(dmabuf, "get_dma_buf(NULL)").file);
    }

    /// <summary>The dma-buf file's release: the exporter's callback, then kfree.</summary>
    protected virtual async KTask dma_buf_release(DmaBuf dmabuf)
    {
        await dma_buf_ops_release(dmabuf);
        dmabuf.kfree();
    }

    protected virtual async KTask<DmaBufAttachment?> dma_buf_attach(DmaBuf dmabuf, DrmDevice dev)
    {
        if (!await kmalloc("dma_buf_attachment"))
            return null; // ERR_PTR(-ENOMEM)
        var attach = k.NewAttachment(dmabuf, dev);
        dmabuf.attachments.Add(attach);
        return attach;
    }

    protected virtual async KTask dma_buf_detach(DmaBuf dmabuf, DmaBufAttachment attach)
    {
        dmabuf.attachments.Remove(attach);
        attach.kfree();
    }
}
