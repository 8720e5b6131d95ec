using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// drm_gem_change_handle_ioctl (drm_gem.c), as "drm/gem: Try to fix change_handle ioctl,
/// attempt 4" (1a4f03d22fb6, June 2026) left it. That commit also routed the ioctl to
/// drm_invalid_op until an IGT test exists; the model dispatches it, as re-enabling it would,
/// so that the code a re-enable ships is what gets checked. Its history, each fix undone, is
/// in Protocols/ChangeHandleHistory/, one class per fix undone.
/// The object moves from handle to new_handle in one file, and its prime cache entry with it:
/// the new slot is reserved holding NULL, the old one emptied (taking over the handle's object
/// reference, as GEM_CLOSE's first stage does), the cache entry added for new_handle and the
/// old one removed, then the old id freed and the object published at new_handle.
/// Lock order: prime.lock, then table_lock (only around idr operations).
/// </summary>
public partial class Modern
{
    protected internal override async KTask<int> drm_gem_change_handle_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint new_handle, Out<long> result)
    {
        int ret;

        /* idr_alloc() limitation. */
        if (new_handle > int.MaxValue)
            return -Errno.EINVAL;

        result.Value = new_handle;
        if (handle == new_handle)
            return 0;

        await mutex_lock(file_priv.prime.@lock);
        await spin_lock(file_priv.table_lock);
        ret = file_priv.object_idr.idr_alloc(null, (int)new_handle); // GFP_NOWAIT
        if (ret < 0)
        {
            spin_unlock(file_priv.table_lock);
            goto out_unlock;
        }

        /* the lookup and the old slot's first stage in one: the idr's reference is ours now */
        var obj = file_priv.object_idr.idr_replace(handle, null, out bool found);
        if (!found || obj is null) // IS_ERR_OR_NULL
        {
            file_priv.object_idr.idr_remove(new_handle);
            spin_unlock(file_priv.table_lock);
            ret = -Errno.ENOENT;
            goto out_unlock;
        }
        spin_unlock(file_priv.table_lock);

        if (obj.dma_buf is not null)
        {
            ret = await drm_prime_add_buf_handle(file_priv.prime, obj.dma_buf, new_handle);
            if (ret < 0)
            {
                await spin_lock(file_priv.table_lock);
                file_priv.object_idr.idr_remove(new_handle);
                file_priv.object_idr.idr_replace(handle, obj, out _);
                spin_unlock(file_priv.table_lock);
                goto out_unlock;
            }

            await drm_prime_remove_buf_handle(file_priv.prime, handle);
        }

        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(handle);
        var idrobj = file_priv.object_idr.idr_replace(new_handle, obj, out found);
        spin_unlock(file_priv.table_lock);
        WARN_ON(!found || idrobj is not null, "obj != NULL", obj); // ERR_PTR(-ENOENT) is not NULL either

    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
        return ret;
    }
}
