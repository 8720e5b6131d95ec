using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// The driver side of v3.6 (i915_gem.c, i915_gem_dmabuf.c): every device of the model runs
/// this driver, so a dma-buf's ops identify its exporting device.
/// </summary>
public partial class V3_6
{
    protected internal override KTask<int> drm_mode_create_dumb_ioctl(DrmDevice dev, DrmFile file_priv, int width, int height, int bpp, Out<long> handle)
        => i915_gem_dumb_create(file_priv, dev, width, height, bpp, handle);

    protected virtual KTask<int> i915_gem_dumb_create(DrmFile file, DrmDevice dev, int width, int height, int bpp, Out<long> handle)
    {
        /* have to work out size/pitch and return them */
        long pitch = Align((long)width * ((bpp + 7) / 8), 64);
        long size = pitch * height;
        return i915_gem_create(file, dev, size, handle);
    }

    protected virtual async KTask<int> i915_gem_create(DrmFile file, DrmDevice dev, long size, Out<long> handle_p)
    {
        size = Align(size, 4096); // roundup(size, PAGE_SIZE)
        if (size == 0)
            return -Errno.EINVAL;

        /* Allocate the new object */
        if (!await kmalloc("gem_object"))
            return -Errno.ENOMEM;
        var obj = k.NewGemObject(dev, size);

        int ret = await drm_gem_handle_create(file, obj, handle_p);
        if (ret != 0)
        {
            obj.kfree();
            return ret;
        }

        /* drop reference from allocate - handle holds it now */
        await drm_gem_object_unreference(obj);
        return 0;
    }

    protected virtual async KTask i915_gem_free_object(GemObject obj)
    {
        if (obj.import_attach is not null)
            await drm_prime_gem_destroy(obj);
        obj.kfree();
    }

    /// <summary>The dma-buf's release: drop the reference on the export fd holds.</summary>
    protected virtual async KTask i915_gem_dmabuf_release(DmaBuf dma_buf)
    {
        var obj = dma_buf.priv;

        await shared($"read {obj}->export_dma_buf");
        if (obj.export_dma_buf == dma_buf)
        {
            /* drop the reference on the export fd holds */
            obj.export_dma_buf = null;
            await drm_gem_object_unreference_unlocked(obj);
        }
    }

    protected override KTask dma_buf_ops_release(DmaBuf dmabuf) => i915_gem_dmabuf_release(dmabuf);

    protected virtual KTask<DmaBuf?> i915_gem_prime_export(DrmDevice dev, GemObject gem_obj, uint flags)
        => dma_buf_export(gem_obj, dev, gem_obj.size, readWrite: false); // mode 0600 passed as flags: O_RDONLY

    /// <summary>A dma-buf of this device comes back as its own object (self-import); a foreign one is attached.</summary>
    protected virtual async KTask<(GemObject? obj, int err)> i915_gem_prime_import(DrmDevice dev, DmaBuf dma_buf)
    {
        /* is this one of own objects? (every model device runs this driver) */
        var own = dma_buf.priv;
        /* is it from our device? */
        if (own.dev == dev)
        {
            await drm_gem_object_reference(own);
            return (own, 0);
        }

        /* need to attach */
        var attach = await dma_buf_attach(dma_buf, dev);
        if (attach is null)
            return (null, -Errno.ENOMEM);

        if (!await kmalloc("gem_object"))
        {
            await dma_buf_detach(dma_buf, attach);
            return (null, -Errno.ENOMEM);
        }
        var obj = k.NewGemObject(dev, dma_buf.size); // drm_gem_private_object_init
        obj.import_attach = attach;
        return (obj, 0);
    }

    private static long Align(long value, long to) => (value + to - 1) / to * to;
}
