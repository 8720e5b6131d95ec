using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// GEM_CHANGE_HANDLE as it stood before 1a4f03d22fb6 ("drm/gem: Try to fix change_handle
/// ioctl, attempt 4", June 2026): 5e28b7b94408, dc366607c41c (the object published at the new
/// slot at the end) and 7164d78559b0 (the old slot emptied before table_lock is dropped). The
/// object was looked up before table_lock, and 7164d78559b0's idr_replace of the old slot is
/// not checked: a GEM_CLOSE of the old handle that emptied the slot in between goes on to
/// drop the last handle reference, while this ioctl publishes the object at new_handle.
/// </summary>
public class ChangeHandleLookupUnlocked : Modern
{
    public override string Name => "modern-change-handle-lookup-unlocked";
    public override string Description => "modern with GEM_CHANGE_HANDLE before 1a4f03d22fb6: the lookup is not the old slot's idr_replace, which goes unchecked";

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

        file_priv.object_idr.idr_replace(args_handle, null, out _); // 7164d78559b0: the result is not checked
        spin_unlock(file_priv.table_lock);

        if (obj.dma_buf is not null)
        {
            ret = await drm_prime_add_buf_handle(file_priv.prime, obj.dma_buf, handle);
            if (ret < 0)
            {
                await spin_lock(file_priv.table_lock);
                file_priv.object_idr.idr_remove(handle);
                file_priv.object_idr.idr_replace(args_handle, obj, out _);
                spin_unlock(file_priv.table_lock);
                goto out_unlock;
            }

            await drm_prime_remove_buf_handle(file_priv.prime, args_handle);
        }

        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(args_handle);
        idrobj = file_priv.object_idr.idr_replace(handle, obj, out bool found); // dc366607c41c
        spin_unlock(file_priv.table_lock);
        WARN_ON(!found || idrobj is not null, "idrobj != NULL", obj);

    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
    @out:
        await drm_gem_object_put(obj);
        return ret;
    }
}
