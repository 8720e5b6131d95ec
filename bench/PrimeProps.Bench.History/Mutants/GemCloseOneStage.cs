using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// GEM_CLOSE before f6cd7daecff5 "drm: Release driver references to handle before making it
/// available again" (2016): the idr slot is removed in one stage, before the handle's prime
/// cache entry and references are released, so a racing create or import reuses the handle
/// number while the old cache entry still names it.
/// </summary>
public sealed class GemCloseOneStage : Modern
{
    public override string Name => "modern-pre-f6cd7daecff5";

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
        /* Release reference and decrement refcount. */
        filp.object_idr.idr_remove(handle);
        spin_unlock(filp.table_lock);

        await drm_gem_object_release_handle((int)handle, obj, filp);
        return 0;
    }
}
