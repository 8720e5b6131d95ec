using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Protocols;

/// <summary>
/// drivers/gpu/drm/drm_prime.c of v6.x. The per-file cache is two rb-trees (by dma-buf
/// address, by handle). A lookup by dma-buf returns the first match on the path from the
/// root, so when a file caches two handles of one dma-buf the tree's shape decides: with no
/// other dma-buf in it, the older entry (equal keys go left, and the first insert stays
/// nearer the root); with others, their address order, which is a recorded choice of the
/// run (<see cref="KernelState.PlaceDmaBuf"/>).
/// </summary>
public partial class Modern
{
    protected virtual async KTask<int> drm_prime_add_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, long handle)
    {
        if (!await kmalloc("drm_prime_member"))
            return -Errno.ENOMEM;

        await get_dma_buf(dma_buf);
        prime_fpriv.rb_insert(new DrmPrimeMember(dma_buf, (int)handle));
        return 0;
    }

    protected virtual DmaBuf? drm_prime_lookup_buf_by_handle(DrmPrimeFilePrivate prime_fpriv, long handle)
        => prime_fpriv.head.FirstOrDefault(m => m.handle == handle)?.dma_buf;

    protected virtual int drm_prime_lookup_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, Out<long> handle)
    {
        var member = prime_fpriv.rb_find(dma_buf);
        if (member is null)
            return -Errno.ENOENT;
        handle.Value = member.handle;
        return 0;
    }

    protected virtual async KTask drm_prime_remove_buf_handle(DrmPrimeFilePrivate prime_fpriv, long handle)
    {
        var member = prime_fpriv.head.FirstOrDefault(m => m.handle == handle);
        if (member is not null)
        {
            prime_fpriv.rb_erase(member);
            await dma_buf_put(member.dma_buf!);
        }
    }

    protected virtual void drm_prime_destroy_file_private(DrmPrimeFilePrivate prime_fpriv)
    {
        /* by now drm_gem_release should've made sure the list is empty */
        WARN_ON(prime_fpriv.head.Count > 0, "!RB_EMPTY_ROOT(&prime_fpriv->dmabufs)");
    }

    /// <summary>dma_buf_export plus the references the dma-buf holds: the device and the object (priv).</summary>
    protected virtual async KTask<DmaBuf?> drm_gem_prime_export(GemObject obj, uint flags)
    {
        var dma_buf = await dma_buf_export(obj, obj.dev, obj.size, (flags & PrimeFlags.DRM_RDWR) != 0);
        if (dma_buf is null)
            return null;
        await drm_gem_object_get(obj); // drm_dev_get(dev) too
        return dma_buf;
    }

    protected virtual async KTask drm_gem_dmabuf_release(DmaBuf dma_buf)
    {
        var obj = dma_buf.priv;
        /* drop the reference on the export fd holds */
        await drm_gem_object_put(obj); // and drm_dev_put(dev)
    }

    protected virtual async KTask<(GemObject? obj, int err)> drm_gem_prime_import(DrmDevice dev, DmaBuf dma_buf)
    {
        if (dma_buf.ops == dev) // drm_gem_is_prime_exported_dma_buf
        {
            /* Importing dmabuf exported from our own gem increases refcount on gem itself instead of f_count of dmabuf. */
            var own = dma_buf.priv;
            await drm_gem_object_get(own);
            return (own, 0);
        }

        if (dev.Kind == DeviceKind.ExportOnly) // !dev->driver->gem_prime_import_sg_table
            return (null, -Errno.EINVAL);

        var attach = await dma_buf_attach(dma_buf, dev);
        if (attach is null)
            return (null, -Errno.ENOMEM);

        await get_dma_buf(dma_buf);

        var obj = await drm_gem_shmem_prime_import_sg_table(dev, attach);
        if (obj is null)
        {
            await dma_buf_detach(dma_buf, attach);
            await dma_buf_put(dma_buf);
            return (null, -Errno.ENOMEM);
        }

        obj.import_attach = attach;
        return (obj, 0);
    }

    protected virtual async KTask<int> drm_gem_prime_fd_to_handle(DrmDevice dev, DrmFile file_priv, long prime_fd, Out<long> handle)
    {
        var (dma_buf, err) = await dma_buf_get(prime_fd);
        if (dma_buf is null)
            return err;

        await mutex_lock(file_priv.prime.@lock);

        int ret = drm_prime_lookup_buf_handle(file_priv.prime, dma_buf, handle);
        if (ret == 0)
            goto out_put;

        /* never seen this one, need to import */
        await mutex_lock(object_name_lock(dev));
        var (obj, import_err) = await drm_gem_prime_import(dev, dma_buf);
        if (obj is null)
        {
            ret = import_err;
            goto out_unlock;
        }

        if (obj.dma_buf is not null)
            WARN_ON(obj.dma_buf != dma_buf, "obj->dma_buf != dma_buf", obj, dma_buf);
        else
        {
            obj.dma_buf = dma_buf;
            await get_dma_buf(dma_buf);
        }

        /* _handle_create_tail unconditionally unlocks dev->object_name_lock. */
        ret = await drm_gem_handle_create_tail(file_priv, obj, handle);
        await drm_gem_object_put(obj);
        if (ret != 0)
            goto out_put;

        ret = await drm_prime_add_buf_handle(file_priv.prime, dma_buf, handle.Value);
        mutex_unlock(file_priv.prime.@lock);
        if (ret != 0)
            goto fail;

        await dma_buf_put(dma_buf);

        return 0;

    fail:
        /* hmm, if driver attached, we are relying on the free-object path to detach.. which seems ok.. */
        await drm_gem_handle_delete(file_priv, (uint)handle.Value);
        await dma_buf_put(dma_buf);
        return ret;

    out_unlock:
        mutex_unlock(object_name_lock(dev));
    out_put:
        mutex_unlock(file_priv.prime.@lock);
        await dma_buf_put(dma_buf);
        return ret;
    }

    protected internal override async KTask<int> drm_prime_fd_to_handle_ioctl(DrmDevice dev, DrmFile file_priv, long fd, Out<long> handle)
        => await drm_gem_prime_fd_to_handle(dev, file_priv, fd, handle);

    protected virtual async KTask<(DmaBuf? buf, int err)> export_and_register_object(DrmDevice dev, GemObject obj, uint flags)
    {
        /* prevent races with concurrent gem_close. */
        if (obj.handle_count == 0)
            return (null, -Errno.ENOENT);

        var dmabuf = await drm_gem_prime_export(obj, flags);
        if (dmabuf is null)
            return (null, -Errno.ENOMEM);

        /* Note that callers do not need to clean up the export cache since the check for
         * obj->handle_count guarantees that someone will clean it up. */
        obj.dma_buf = dmabuf;
        await get_dma_buf(obj.dma_buf);

        return (dmabuf, 0);
    }

    /// <summary>The export, without installing an fd: everything that can fail happens here.</summary>
    protected virtual async KTask<(DmaBuf? buf, int err)> drm_gem_prime_handle_to_dmabuf(DrmDevice dev, DrmFile file_priv, uint handle, uint flags)
    {
        DmaBuf? dmabuf = null;
        int err = 0;

        await mutex_lock(file_priv.prime.@lock);
        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
        {
            err = -Errno.ENOENT;
            goto out_unlock;
        }

        dmabuf = drm_prime_lookup_buf_by_handle(file_priv.prime, handle);
        if (dmabuf is not null)
        {
            await get_dma_buf(dmabuf);
            goto @out;
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

        (dmabuf, err) = await export_and_register_object(dev, obj, flags);
        if (dmabuf is null)
        {
            mutex_unlock(object_name_lock(dev));
            goto @out;
        }

    out_have_obj:
        /* Add it to the import list under object_name_lock, so that a racing gem close
         * ioctl doesn't miss to remove this buffer handle from the cache. */
        int ret = await drm_prime_add_buf_handle(file_priv.prime, dmabuf, handle);
        mutex_unlock(object_name_lock(dev));
        if (ret != 0)
        {
            await dma_buf_put(dmabuf);
            (dmabuf, err) = (null, ret);
        }
    @out:
        await drm_gem_object_put(obj);
    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
        return (err == 0 ? dmabuf : null, err);
    }

    protected virtual async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
    {
        var (dmabuf, err) = await drm_gem_prime_handle_to_dmabuf(dev, file_priv, handle, flags);
        if (dmabuf is null)
            return err;
        int fd = await FD_ADD(flags, dmabuf.file);
        if (fd < 0)
            return fd;
        prime_fd.Value = fd;
        return 0;
    }

    protected internal override async KTask<int> drm_prime_handle_to_fd_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> fd)
    {
        /* check flags are valid */
        if ((flags & ~(PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR)) != 0)
            return -Errno.EINVAL;

        return await drm_gem_prime_handle_to_fd(dev, file_priv, handle, flags, fd);
    }

    /// <summary>helper to clean up a PRIME-imported GEM object</summary>
    protected virtual async KTask drm_prime_gem_destroy(GemObject obj)
    {
        var attach = obj.import_attach!;
        var dma_buf = attach.dmabuf;
        await dma_buf_detach(attach.dmabuf, attach);
        /* remove the reference */
        await dma_buf_put(dma_buf);
    }
}
