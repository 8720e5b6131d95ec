using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>vgem's buffers: drm_dumb_buffers.c checks, drm_gem_shmem_helper.c objects.</summary>
public partial class Modern
{
    protected internal override async KTask<int> drm_mode_create_dumb_ioctl(DrmDevice dev, DrmFile file_priv, int width, int height, int bpp, Out<long> handle)
    {
        if (width <= 0 || height <= 0 || bpp <= 0)
            return -Errno.EINVAL;
        /* overflow checks for 32bit size calculations */
        long cpp = (bpp + 7) / 8;
        if (cpp > uint.MaxValue / width)
            return -Errno.EINVAL;
        long stride = cpp * width;
        if (height > uint.MaxValue / stride)
            return -Errno.EINVAL;
        return await drm_gem_shmem_dumb_create(file_priv, dev, width, height, bpp, handle);
    }

    protected virtual async KTask<int> drm_gem_shmem_dumb_create(DrmFile file, DrmDevice dev, int width, int height, int bpp, Out<long> handle)
    {
        long pitch = ((long)width * bpp + 7) / 8;
        long size = (pitch * height + 4095) / 4096 * 4096; // PAGE_ALIGN
        return await drm_gem_shmem_create_with_handle(file, dev, size, handle);
    }

    protected virtual async KTask<int> drm_gem_shmem_create_with_handle(DrmFile file_priv, DrmDevice dev, long size, Out<long> handle)
    {
        if (!await kmalloc("gem_object")) // drm_gem_shmem_create
            return -Errno.ENOMEM;
        var shmem = k.NewGemObject(dev, size);

        /* handle holds the reference from here on */
        int ret = await drm_gem_handle_create(file_priv, shmem, handle);
        /* drop reference from allocate - handle holds it now. */
        await drm_gem_object_put(shmem);
        return ret;
    }

    protected virtual async KTask<GemObject?> drm_gem_shmem_prime_import_sg_table(DrmDevice dev, DmaBufAttachment attach)
    {
        if (!await kmalloc("gem_object"))
            return null;
        return k.NewGemObject(dev, attach.dmabuf.size);
    }

    protected virtual async KTask drm_gem_shmem_free(GemObject obj)
    {
        if (obj.import_attach is not null)
            await drm_prime_gem_destroy(obj);
        WARN_ON(obj.dma_buf is not null, "obj->dma_buf", obj); // drm_gem_private_object_fini
        obj.kfree();
    }
}
