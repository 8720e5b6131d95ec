using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PatchReview;

/// <summary>
/// A patch of today's drm_gem.c under review: "drm/gem: free the handle in one table_lock
/// section". GEM_CLOSE takes the handle out of the idr at once, as it did before f6cd7daecff5
/// ("drm: Release driver references to handle before making it available again", 2016), and
/// only then drops the file's prime cache entry and handle reference. The handle number is
/// free while the old object's cache entry still names it: a handle created meanwhile in the
/// same file gets that number, and an export of it can find the old object's dma-buf.
/// </summary>
public class EarlyHandleRemove : Modern
{
    public override string Name => "modern-early-handle-remove";
    public override string Description => "modern with GEM_CLOSE freeing the handle number before releasing it (f6cd7daecff5 undone)";

    protected override async KTask<int> drm_gem_handle_delete(DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);

        /* Check if we currently have a reference on the object */
        var obj = filp.object_idr.idr_find(handle);
        if (obj is null)
        {
            spin_unlock(filp.table_lock);
            return -Errno.EINVAL;
        }
        filp.object_idr.idr_remove(handle);
        spin_unlock(filp.table_lock);

        /* Release driver's reference and decrement refcount. */
        await drm_gem_object_release_handle((int)handle, obj, filp);
        return 0;
    }
}
