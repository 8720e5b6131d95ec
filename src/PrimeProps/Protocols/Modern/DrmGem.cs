using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>drivers/gpu/drm/drm_gem.c of v6.x (handles, names, GEM_CLOSE).</summary>
public partial class Modern
{
    /// <summary>Caller holds object_name_lock.</summary>
    protected virtual async KTask drm_gem_object_handle_get(GemObject obj)
    {
        WARN_ON(!lockdep_is_held(object_name_lock(obj.dev)), "!mutex_is_locked(&dev->object_name_lock)", obj);
        if (obj.handle_count++ == 0)
            await drm_gem_object_get(obj);
    }

    /// <summary>Removes any name for this object (names hold no reference today).</summary>
    protected virtual void drm_gem_object_handle_free(GemObject obj)
    {
        var dev = obj.dev;
        if (obj.name != 0)
        {
            dev.object_name_idr.idr_remove(obj.name);
            obj.name = 0;
        }
    }

    /// <summary>Unbreak the reference cycle if we have an exported dma_buf.</summary>
    protected virtual async KTask drm_gem_object_exported_dma_buf_free(GemObject obj)
    {
        if (obj.dma_buf is not null)
        {
            await dma_buf_put(obj.dma_buf);
            obj.dma_buf = null;
        }
    }

    protected virtual async KTask drm_gem_object_handle_put_unlocked(GemObject obj)
    {
        var dev = obj.dev;
        bool final = false;

        await shared($"READ_ONCE({obj}->handle_count)");
        if (obj.handle_count == 0)
        {
            WARN_ON(true, "READ_ONCE(obj->handle_count) == 0", obj);
            return;
        }

        await mutex_lock(object_name_lock(dev));
        if (--obj.handle_count == 0)
        {
            drm_gem_object_handle_free(obj);
            await drm_gem_object_exported_dma_buf_free(obj);
            final = true;
        }
        mutex_unlock(object_name_lock(dev));

        if (final)
            await drm_gem_object_put(obj);
    }

    /// <summary>Called at device or object close to release the file's handle references on objects.</summary>
    protected virtual async KTask drm_gem_object_release_handle(int id, GemObject obj, DrmFile file_priv)
    {
        await mutex_lock(file_priv.prime.@lock);
        await drm_prime_remove_buf_handle(file_priv.prime, id);
        mutex_unlock(file_priv.prime.@lock);
        drm_vma_node_revoke(obj.vma_node, file_priv);

        await drm_gem_object_handle_put_unlocked(obj);
    }

    protected virtual async KTask<int> drm_gem_handle_delete(DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);

        /* Check if we currently have a reference on the object */
        var obj = filp.object_idr.idr_replace(handle, null, out bool found);
        spin_unlock(filp.table_lock);
        if (!found || obj is null) // IS_ERR_OR_NULL
            return -Errno.EINVAL;

        /* Release driver's reference and decrement refcount. */
        await drm_gem_object_release_handle((int)handle, obj, filp);

        /* And finally make the handle available for future allocations. */
        await spin_lock(filp.table_lock);
        filp.object_idr.idr_remove(handle);
        spin_unlock(filp.table_lock);

        return 0;
    }

    /// <summary>Expects object_name_lock held and drops it before returning (so imports and GEM_OPEN are atomic).</summary>
    protected virtual async KTask<int> drm_gem_handle_create_tail(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        var dev = obj.dev;
        WARN_ON(!lockdep_is_held(object_name_lock(dev)), "!mutex_is_locked(&dev->object_name_lock)", obj);

        await drm_gem_object_handle_get(obj);

        /* Get the user-visible handle using idr. Preload and perform allocation under our spinlock. */
        bool preloaded = await kmalloc("object_idr"); // idr_preload(GFP_KERNEL)
        await spin_lock(file_priv.table_lock);
        int ret = preloaded ? file_priv.object_idr.idr_alloc(null) : -Errno.ENOMEM;
        spin_unlock(file_priv.table_lock);

        mutex_unlock(object_name_lock(dev));
        if (ret < 0)
            goto err_unref;

        int handle = ret;

        ret = await drm_vma_node_allow(obj.vma_node, file_priv);
        if (ret != 0)
            goto err_remove;

        /* mirrors drm_gem_handle_delete to avoid races */
        await spin_lock(file_priv.table_lock);
        var old = file_priv.object_idr.idr_replace(handle, obj, out _);
        WARN_ON(old is not null, "obj != NULL", obj);
        spin_unlock(file_priv.table_lock);
        handlep.Value = handle;
        return 0;

    err_remove:
        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(handle);
        spin_unlock(file_priv.table_lock);
    err_unref:
        await drm_gem_object_handle_put_unlocked(obj);
        return ret;
    }

    protected virtual async KTask<int> drm_gem_handle_create(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        await mutex_lock(object_name_lock(obj.dev));
        return await drm_gem_handle_create_tail(file_priv, obj, handlep);
    }

    protected virtual async KTask<GemObject?> drm_gem_object_lookup(DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);
        /* Check if we currently have a reference on the object */
        var obj = filp.object_idr.idr_find(handle);
        if (obj is not null)
            await drm_gem_object_get(obj);
        spin_unlock(filp.table_lock);
        return obj;
    }

    protected internal override KTask<int> drm_gem_close_ioctl(DrmDevice dev, DrmFile file_priv, uint handle)
        => drm_gem_handle_delete(file_priv, handle);

    protected internal override async KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name)
    {
        int ret;
        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        await mutex_lock(object_name_lock(dev));
        /* prevent races with concurrent gem_close. */
        if (obj.handle_count == 0)
        {
            ret = -Errno.ENOENT;
            goto err;
        }

        if (obj.name == 0)
        {
            if (!await kmalloc("object_name_idr")) // idr_alloc(.., GFP_KERNEL)
            {
                ret = -Errno.ENOMEM;
                goto err;
            }
            obj.name = dev.object_name_idr.idr_alloc(obj);
        }

        name.Value = obj.name;
        ret = 0;

    err:
        mutex_unlock(object_name_lock(dev));
        await drm_gem_object_put(obj);
        return ret;
    }

    protected internal override async KTask<int> drm_gem_open_ioctl(DrmDevice dev, DrmFile file_priv, uint name, Out<long> handle)
    {
        await mutex_lock(object_name_lock(dev));
        var obj = dev.object_name_idr.idr_find(name);
        if (obj is not null)
            await drm_gem_object_get(obj);
        else
        {
            mutex_unlock(object_name_lock(dev));
            return -Errno.ENOENT;
        }

        /* drm_gem_handle_create_tail unlocks dev->object_name_lock. */
        int ret = await drm_gem_handle_create_tail(file_priv, obj, handle);
        await drm_gem_object_put(obj);
        return ret;
    }

    /// <summary>Releases any remaining references on objects by this filp.</summary>
    protected virtual async KTask drm_gem_release(DrmDevice dev, DrmFile file_private)
    {
        foreach (var (id, obj) in file_private.object_idr.Entries().ToList())
            await drm_gem_object_release_handle(id, obj, file_private);
        foreach (var (id, _) in file_private.object_idr.Entries().ToList())
            file_private.object_idr.idr_remove(id); // idr_destroy
    }
}
