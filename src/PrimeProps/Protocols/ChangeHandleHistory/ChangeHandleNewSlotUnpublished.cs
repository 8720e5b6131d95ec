using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// GEM_CHANGE_HANDLE after 5e28b7b94408 ("drm: Set old handle to NULL before prime swap in
/// change_handle", May 2026), before dc366607c41c ("drm: Replace old pointer to new idr").
/// The local <c>handle</c> is the NEW handle, so the "two-stage" idr_replace to NULL hits the
/// new slot, which nothing publishes again: the object keeps its handle_count with no handle
/// left, and the cache entry made for new_handle outlives the file (syzbot "WARNING in
/// drm_prime_destroy_file_private"). Its error path frees the new id and then replaces it,
/// which warns.
/// </summary>
public class ChangeHandleNewSlotUnpublished : Modern
{
    public override string Name => "modern-change-handle-new-slot-unpublished";
    public override string Description => "modern with GEM_CHANGE_HANDLE of 5e28b7b94408 (before dc366607c41c): the new handle's slot is left NULL";

    protected internal override async KTask<int> drm_gem_change_handle_ioctl(DrmDevice dev, DrmFile file_priv, uint args_handle, uint args_new_handle, Out<long> result)
    {
        int ret;

        /* idr_alloc() limitation. */
        if (args_new_handle > int.MaxValue)
            return -Errno.EINVAL;
        int handle = (int)args_new_handle;

        var obj = await drm_gem_object_lookup(file_priv, args_handle);
        if (obj is null)
            return -Errno.ENOENT;

        result.Value = args_new_handle;
        if (args_handle == handle)
        {
            ret = 0;
            goto @out;
        }

        await mutex_lock(file_priv.prime.@lock);
        await spin_lock(file_priv.table_lock);
        ret = file_priv.object_idr.idr_alloc(obj, handle); // GFP_NOWAIT
        if (ret < 0)
        {
            spin_unlock(file_priv.table_lock);
            goto out_unlock;
        }

        var idrobj = file_priv.object_idr.idr_replace(handle, null, out _);
        if (idrobj != obj)
        {
            file_priv.object_idr.idr_replace(handle, idrobj, out _);
            file_priv.object_idr.idr_remove(args_new_handle);
            spin_unlock(file_priv.table_lock);
            ret = -Errno.ENOENT;
            goto out_unlock;
        }
        spin_unlock(file_priv.table_lock);

        if (obj.dma_buf is not null)
        {
            ret = await drm_prime_add_buf_handle(file_priv.prime, obj.dma_buf, handle);
            if (ret < 0)
            {
                await spin_lock(file_priv.table_lock);
                file_priv.object_idr.idr_remove(handle);
                idrobj = file_priv.object_idr.idr_replace(handle, obj, out bool found);
                WARN_ON(!found || idrobj is not null, "idrobj != NULL", obj); // ERR_PTR(-ENOENT): the id was just freed
                spin_unlock(file_priv.table_lock);
                goto out_unlock;
            }

            await drm_prime_remove_buf_handle(file_priv.prime, args_handle);
        }

        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(args_handle);
        spin_unlock(file_priv.table_lock);

    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
    @out:
        await drm_gem_object_put(obj);
        return ret;
    }
}
