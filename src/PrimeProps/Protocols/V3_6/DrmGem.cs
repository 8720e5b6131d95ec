using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>drivers/gpu/drm/drm_gem.c of v3.6.</summary>
public partial class V3_6
{
    protected virtual async KTask drm_gem_remove_prime_handles(GemObject obj, DrmFile filp)
    {
        if (obj.import_attach is not null)
            await drm_prime_remove_imported_buf_handle(filp.prime, obj.import_attach.dmabuf);
        await shared($"read {obj}->export_dma_buf");
        if (obj.export_dma_buf is not null)
            await drm_prime_remove_imported_buf_handle(filp.prime, obj.export_dma_buf);
    }

    /// <summary>Removes the mapping from handle to filp for this object.</summary>
    protected virtual async KTask<int> drm_gem_handle_delete(DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);

        /* Check if we currently have a reference on the object */
        var obj = filp.object_idr.idr_find(handle);
        if (obj is null)
        {
            spin_unlock(filp.table_lock);
            return -Errno.EINVAL;
        }

        /* Release reference and decrement refcount. */
        filp.object_idr.idr_remove(handle);
        spin_unlock(filp.table_lock);

        await drm_gem_remove_prime_handles(obj, filp);

        await drm_gem_object_handle_unreference_unlocked(obj);

        return 0;
    }

    /// <summary>Create a handle for this object: a handle reference, which includes a regular reference.</summary>
    protected virtual async KTask<int> drm_gem_handle_create(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        /* ensure there is space available to allocate a handle */
        if (!await kmalloc("object_idr")) // idr_pre_get
            return -Errno.ENOMEM;

        /* do the allocation under our spinlock */
        await spin_lock(file_priv.table_lock);
        handlep.Value = file_priv.object_idr.idr_alloc(obj); // idr_get_new_above(.., 1, ..)
        spin_unlock(file_priv.table_lock);

        await drm_gem_object_handle_reference(obj);
        return 0;
    }

    /// <summary>Returns a reference to the object named by the handle.</summary>
    protected virtual async KTask<GemObject?> drm_gem_object_lookup(DrmDevice dev, DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);

        /* Check if we currently have a reference on the object */
        var obj = filp.object_idr.idr_find(handle);
        if (obj is null)
        {
            spin_unlock(filp.table_lock);
            return null;
        }

        await drm_gem_object_reference(obj);

        spin_unlock(filp.table_lock);

        return obj;
    }

    protected internal override KTask<int> drm_gem_close_ioctl(DrmDevice dev, DrmFile file_priv, uint handle)
        => drm_gem_handle_delete(file_priv, handle);

    /// <summary>Create a global name for an object, returning the name. The name holds a reference.</summary>
    protected internal override async KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name)
    {
        int ret;
        var obj = await drm_gem_object_lookup(dev, file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        if (!await kmalloc("object_name_idr")) // idr_pre_get
        {
            ret = -Errno.ENOMEM;
            goto err;
        }

        await spin_lock(dev.object_name_lock);
        if (obj.name == 0)
        {
            obj.name = dev.object_name_idr.idr_alloc(obj);
            name.Value = obj.name;
            spin_unlock(dev.object_name_lock);

            /* Allocate a reference for the name table.  */
            await drm_gem_object_reference(obj);
        }
        else
        {
            name.Value = obj.name;
            spin_unlock(dev.object_name_lock);
        }
        ret = 0;

    err:
        await drm_gem_object_unreference_unlocked(obj);
        return ret;
    }

    /// <summary>Open an object using the global name, returning a handle.</summary>
    protected internal override async KTask<int> drm_gem_open_ioctl(DrmDevice dev, DrmFile file_priv, uint name, Out<long> handle)
    {
        await spin_lock(dev.object_name_lock);
        var obj = dev.object_name_idr.idr_find(name);
        if (obj is not null)
            await drm_gem_object_reference(obj);
        spin_unlock(dev.object_name_lock);
        if (obj is null)
            return -Errno.ENOENT;

        int ret = await drm_gem_handle_create(file_priv, obj, handle);
        await drm_gem_object_unreference_unlocked(obj);
        return ret;
    }

    /// <summary>Called at device close to release the file's handle references on objects.</summary>
    protected virtual async KTask drm_gem_object_release_handle(int id, GemObject obj, DrmFile file_priv)
    {
        await drm_gem_remove_prime_handles(obj, file_priv);
        await drm_gem_object_handle_unreference_unlocked(obj);
    }

    /// <summary>drm_gem_release: idr_for_each(release_handle), then idr_remove_all.</summary>
    protected virtual async KTask drm_gem_release(DrmDevice dev, DrmFile file_private)
    {
        foreach (var (id, obj) in file_private.object_idr.Entries().ToList())
            await drm_gem_object_release_handle(id, obj, file_private);
        foreach (var (id, _) in file_private.object_idr.Entries().ToList())
            file_private.object_idr.idr_remove(id);
    }

    /// <summary>3.6's drm_release holds drm_global_mutex from start to end: two file closes never interleave.</summary>
    protected override async KTask drm_release(DrmFile file_priv)
    {
        await mutex_lock(drm_global_mutex);
        await drm_gem_release(file_priv.dev, file_priv);
        await drm_prime_destroy_file_private(file_priv.prime);
        mutex_unlock(drm_global_mutex);
    }

    /// <summary>
    /// Called after the last reference to the object has been lost. Must be called holding
    /// struct_mutex, and says so: BUG_ON(!mutex_is_locked(&amp;dev->struct_mutex)) (held by
    /// anyone counts). i915_gem_create's final put runs without it.
    /// </summary>
    protected virtual async KTask drm_gem_object_free(GemObject obj)
    {
        if (obj.dev.struct_mutex.IsFree)
            throw k.Bug(OracleKind.KernelWarning, $"BUG() in drm_gem_object_free: BUG_ON(!mutex_is_locked(&dev->struct_mutex)) freeing {obj}", obj);
        await i915_gem_free_object(obj);
    }

    /// <summary>
    /// Called after the last handle to the object has been closed. Removes any name for the
    /// object; the name held a reference, which cannot be the last (the handle holds one too).
    /// </summary>
    protected virtual async KTask drm_gem_object_handle_free(GemObject obj)
    {
        var dev = obj.dev;

        /* Remove any name for this object */
        await spin_lock(dev.object_name_lock);
        if (obj.name != 0)
        {
            dev.object_name_idr.idr_remove(obj.name);
            obj.name = 0;
            spin_unlock(dev.object_name_lock);
            if (await kref_put(obj))
                throw k.Bug(OracleKind.KernelWarning, $"BUG() in drm_gem_object_ref_bug: the name held the last reference on {obj}", obj);
        }
        else
            spin_unlock(dev.object_name_lock);
    }
}
