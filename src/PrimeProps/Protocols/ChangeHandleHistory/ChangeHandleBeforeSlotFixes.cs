using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// GEM_CHANGE_HANDLE as 53096728b891 ("drm: Add DRM prime interface to reassign GEM handle",
/// Linux 6.18) wrote it, with the two fixes of its first months as switches: 630efee9493c
/// ("drm: Fix object leak in DRM_IOCTL_GEM_CHANGE_HANDLE", Karol Wachowski, Dec 2025: the
/// lookup's reference put) and Tvrtko Ursulin's INT_MAX check (Jan 2026, drm-misc-fixes; its
/// commit id is not verified here). All three versions publish the object at new_handle while
/// the old handle is still live in the idr, the race 5e28b7b94408 set out to close.
/// </summary>
public class ChangeHandleOldHandleLive : Modern
{
    public override string Name => "modern-change-handle-old-handle-live";
    public override string Description => "modern with GEM_CHANGE_HANDLE before 5e28b7b94408: the object is at both handles while the old one is still live";

    /// <summary>Whether the lookup's reference is put (630efee9493c).</summary>
    protected virtual bool PutsLookupReference => true;

    /// <summary>Whether new_handle above INT_MAX is refused before idr_alloc (Tvrtko Ursulin, Jan 2026).</summary>
    protected virtual bool RejectsAboveIntMax => true;

    protected internal override async KTask<int> drm_gem_change_handle_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, uint new_handle, Out<long> result)
    {
        int ret;

        if (RejectsAboveIntMax && new_handle > int.MaxValue)
            return -Errno.EINVAL;
        int start = unchecked((int)new_handle); // idr_alloc's int start

        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        result.Value = new_handle;
        if (handle == new_handle)
        {
            ret = 0;
            goto @out;
        }

        await mutex_lock(file_priv.prime.@lock);

        await spin_lock(file_priv.table_lock);
        ret = idr_alloc(file_priv, obj, start);
        spin_unlock(file_priv.table_lock);

        if (ret < 0)
            goto out_unlock;

        if (obj.dma_buf is not null)
        {
            ret = await drm_prime_add_buf_handle(file_priv.prime, obj.dma_buf, new_handle);
            if (ret < 0)
            {
                await spin_lock(file_priv.table_lock);
                file_priv.object_idr.idr_remove(new_handle);
                spin_unlock(file_priv.table_lock);
                goto out_unlock;
            }

            await drm_prime_remove_buf_handle(file_priv.prime, handle);
        }

        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(handle);
        spin_unlock(file_priv.table_lock);

    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
    @out:
        if (PutsLookupReference)
            await drm_gem_object_put(obj);
        return ret;
    }

    /// <summary>idr_alloc(idr, obj, start, start + 1, GFP_NOWAIT): WARN_ON_ONCE(start &lt; 0) and -EINVAL for a negative start.</summary>
    protected int idr_alloc(DrmFile file_priv, GemObject obj, int start)
    {
        WARN_ON(start < 0, "start < 0 (idr_alloc)", obj);
        return file_priv.object_idr.idr_alloc(obj, start);
    }
}

/// <summary>GEM_CHANGE_HANDLE with the lookup's reference put (630efee9493c) but no INT_MAX check yet: a new_handle above INT_MAX is a negative idr_alloc start.</summary>
public class ChangeHandleNoIntMaxCheck : ChangeHandleOldHandleLive
{
    public override string Name => "modern-change-handle-no-int-max-check";
    public override string Description => "modern with GEM_CHANGE_HANDLE before Tvrtko Ursulin's INT_MAX check (Jan 2026): idr_alloc warns on a negative start";
    protected override bool RejectsAboveIntMax => false;
}

/// <summary>GEM_CHANGE_HANDLE as 53096728b891 merged it: the lookup's reference is never put (fixed by 630efee9493c).</summary>
public class ChangeHandleAsMerged : ChangeHandleNoIntMaxCheck
{
    public override string Name => "modern-change-handle-as-merged";
    public override string Description => "modern with GEM_CHANGE_HANDLE as 53096728b891 merged it (6.18): the lookup's object reference leaks";
    protected override bool PutsLookupReference => false;
}
