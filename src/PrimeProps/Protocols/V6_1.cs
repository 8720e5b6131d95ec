using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// Linux 6.1 as Debian ships it (6.1.146 and later stable releases, so Debian's 6.1.0-4x/5x):
/// the handle-slot fix bd46cece51a3 was backported in 6.1.146 and the two-stage GEM_CLOSE
/// (f6cd7daecff5) is from 4.10, so GEM is today's. What differs from 6.12 is the export:
/// one function that calls dma_buf_fd while file_priv->prime.lock is still held, after the
/// dma-buf is exported and cached, and drops the fd's reference itself when no fd is free.
/// </summary>
public class V6_1 : V6_12
{
    public override string Name => "v6.1";
    public override string Description => "Linux 6.1.146+ (Debian 6.1.0-5x): as modern, but HANDLE_TO_FD installs the fd inside prime.lock";
    public override ExportFdOrder ExportFdOrder => ExportFdOrder.InsideLock;

    protected override async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
    {
        int ret;
        DmaBuf? dmabuf;

        await mutex_lock(file_priv.prime.@lock);
        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
        {
            ret = -Errno.ENOENT;
            goto out_unlock;
        }

        dmabuf = drm_prime_lookup_buf_by_handle(file_priv.prime, handle);
        if (dmabuf is not null)
        {
            await get_dma_buf(dmabuf);
            goto out_have_handle;
        }

        await mutex_lock(object_name_lock(dev));
        /* re-export the original imported object */
        if (obj.import_attach is not null)
        {
            dmabuf = obj.import_attach.dmabuf;
            await get_dma_buf(dmabuf);
            goto out_have_obj;
        }

        if (obj.dma_buf is not null)
        {
            await get_dma_buf(obj.dma_buf);
            dmabuf = obj.dma_buf;
            goto out_have_obj;
        }

        (dmabuf, ret) = await export_and_register_object(dev, obj, flags);
        if (dmabuf is null)
        {
            /* normally the created dma-buf takes ownership of the ref,
             * but if that fails then drop the ref */
            mutex_unlock(object_name_lock(dev));
            goto @out;
        }

    out_have_obj:
        /* If we've exported this buffer then cheat and add it to the import list so we get
         * the correct handle back. We must do this under the protection of
         * dev->object_name_lock to ensure that a racing gem close ioctl doesn't miss to
         * remove this buffer handle from the cache. */
        ret = await drm_prime_add_buf_handle(file_priv.prime, dmabuf, handle);
        mutex_unlock(object_name_lock(dev));
        if (ret != 0)
            goto fail_put_dmabuf;

    out_have_handle:
        ret = await dma_buf_fd(dmabuf, flags);
        /* We must _not_ remove the buffer from the handle cache since the newly created dma
         * buf is already linked in the global obj->dma_buf pointer, and that is invariant as
         * long as a userspace gem handle exists. Closing the handle will clean out the cache
         * anyway, so we don't leak. */
        if (ret < 0)
            goto fail_put_dmabuf;
        prime_fd.Value = ret;
        ret = 0;
        goto @out;

    fail_put_dmabuf:
        await dma_buf_put(dmabuf);
    @out:
        await drm_gem_object_put(obj);
    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
        return ret;
    }
}
