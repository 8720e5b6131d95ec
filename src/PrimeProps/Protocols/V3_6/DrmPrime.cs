using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Protocols;

/// <summary>drivers/gpu/drm/drm_prime.c of v3.6.</summary>
public partial class V3_6
{
    protected virtual async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
    {
        var obj = await drm_gem_object_lookup(dev, file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        await mutex_lock(file_priv.prime.@lock);
        /* re-export the original imported object */
        if (obj.import_attach is not null)
        {
            await get_dma_buf(obj.import_attach.dmabuf);
            prime_fd.Value = await dma_buf_fd(obj.import_attach.dmabuf, flags);
            await drm_gem_object_unreference_unlocked(obj);
            mutex_unlock(file_priv.prime.@lock);
            return 0;
        }

        await shared($"read {obj}->export_dma_buf");
        if (obj.export_dma_buf is not null)
        {
            await get_dma_buf(obj.export_dma_buf);
            prime_fd.Value = await dma_buf_fd(obj.export_dma_buf, flags);
            await drm_gem_object_unreference_unlocked(obj);
        }
        else
        {
            var buf = await i915_gem_prime_export(dev, obj, flags);
            if (buf is null)
            {
                /* normally the created dma-buf takes ownership of the ref,
                 * but if that fails then drop the ref
                 */
                await drm_gem_object_unreference_unlocked(obj);
                mutex_unlock(file_priv.prime.@lock);
                return -Errno.ENOMEM;
            }
            obj.export_dma_buf = buf;
            prime_fd.Value = await dma_buf_fd(buf, flags);
        }
        /* if we've exported this buffer the cheat and add it to the import list
         * so we get the correct handle back
         */
        await shared($"read {obj}->export_dma_buf");
        int ret = await drm_prime_add_imported_buf_handle(file_priv.prime, obj.export_dma_buf, handle);
        if (ret != 0)
        {
            await drm_gem_object_unreference_unlocked(obj);
            mutex_unlock(file_priv.prime.@lock);
            return ret;
        }

        mutex_unlock(file_priv.prime.@lock);
        return 0;
    }

    protected virtual async KTask<int> drm_gem_prime_fd_to_handle(DrmDevice dev, DrmFile file_priv, long prime_fd, Out<long> handle)
    {
        GemObject? obj;
        int ret;

        var (dma_buf, err) = await dma_buf_get(prime_fd);
        if (dma_buf is null)
            return err;

        await mutex_lock(file_priv.prime.@lock);

        ret = drm_prime_lookup_imported_buf_handle(file_priv.prime, dma_buf, handle);
        if (ret == 0)
            goto out_put;

        /* never seen this one, need to import */
        (obj, ret) = await i915_gem_prime_import(dev, dma_buf);
        if (obj is null)
            goto out_put;

        ret = await drm_gem_handle_create(file_priv, obj, handle);
        await drm_gem_object_unreference_unlocked(obj);
        if (ret != 0)
            goto out_put;

        ret = await drm_prime_add_imported_buf_handle(file_priv.prime, dma_buf, (int)handle.Value);
        if (ret != 0)
            goto fail;

        mutex_unlock(file_priv.prime.@lock);
        return 0;

    fail:
        /* hmm, if driver attached, we are relying on the free-object path
         * to detach.. which seems ok..
         */
        await drm_gem_object_handle_unreference_unlocked(obj);
    out_put:
        await dma_buf_put(dma_buf);
        mutex_unlock(file_priv.prime.@lock);
        return ret;
    }

    protected internal override async KTask<int> drm_prime_handle_to_fd_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> fd)
    {
        /* check flags are valid */
        if ((flags & ~PrimeFlags.DRM_CLOEXEC) != 0)
            return -Errno.EINVAL;

        /* we only want to pass DRM_CLOEXEC which is == O_CLOEXEC */
        flags &= PrimeFlags.DRM_CLOEXEC;

        return await drm_gem_prime_handle_to_fd(dev, file_priv, handle, flags, fd);
    }

    protected internal override async KTask<int> drm_prime_fd_to_handle_ioctl(DrmDevice dev, DrmFile file_priv, long fd, Out<long> handle)
    {
        if (dev.Kind == DeviceKind.ExportOnly) // !dev->driver->prime_fd_to_handle
            return -Errno.ENOSYS;

        return await drm_gem_prime_fd_to_handle(dev, file_priv, fd, handle);
    }

    /// <summary>helper function to cleanup a GEM/prime object</summary>
    protected virtual async KTask drm_prime_gem_destroy(GemObject obj)
    {
        var attach = obj.import_attach!;
        var dma_buf = attach.dmabuf;
        await dma_buf_detach(attach.dmabuf, attach);
        /* remove the reference */
        await dma_buf_put(dma_buf);
    }

    /// <summary>Frees every entry. v3.6 does not warn about leftovers (today's kernel does).</summary>
    protected virtual async KTask drm_prime_destroy_file_private(DrmPrimeFilePrivate prime_fpriv)
    {
        foreach (var member in prime_fpriv.head.ToList())
            prime_fpriv.list_del(member);
    }

    protected virtual async KTask<int> drm_prime_add_imported_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf? dma_buf, long handle)
    {
        if (!await kmalloc("drm_prime_member"))
            return -Errno.ENOMEM;

        prime_fpriv.list_add(new DrmPrimeMember(dma_buf, (int)handle));
        return 0;
    }

    protected virtual int drm_prime_lookup_imported_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, Out<long> handle)
    {
        foreach (var member in prime_fpriv.head)
        {
            if (member.dma_buf == dma_buf)
            {
                handle.Value = member.handle;
                return 0;
            }
        }
        return -Errno.ENOENT;
    }

    protected virtual async KTask drm_prime_remove_imported_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf)
    {
        await mutex_lock(prime_fpriv.@lock);
        foreach (var member in prime_fpriv.head.ToList())
            if (member.dma_buf == dma_buf)
                prime_fpriv.list_del(member);
        mutex_unlock(prime_fpriv.@lock);
    }
}
