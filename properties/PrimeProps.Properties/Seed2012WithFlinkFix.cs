using PrimeProps.Kernel;
using PrimeProps.Runtime;

namespace PrimeProps.Properties;

/// <summary>
/// A user's own protocol: the seed patch plus the flink fix of a8e11d1c435f ("drm/gem: fix up
/// flink name create race"), declared outside the library. Flink checks handle_count and takes
/// the name's reference inside object_name_lock, so a racing last GEM_CLOSE either sees the name
/// and drops it, or the flink fails with ENOENT (catalog rows 6 and 6b).
/// </summary>
public sealed class Seed2012WithFlinkFix : Seed2012
{
    public override string Name => "seed-2012+flink-fix";

    protected override async KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name)
    {
        var obj = await drm_gem_object_lookup(dev, file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        int ret = -Errno.ENOMEM;
        if (await kmalloc("object_name_idr")) // idr_preload
        {
            await spin_lock(dev.object_name_lock);
            /* prevent races with concurrent gem_close. */
            if (obj.handle_count == 0)
                ret = -Errno.ENOENT;
            else
            {
                if (obj.name == 0)
                {
                    obj.name = dev.object_name_idr.idr_alloc(obj);
                    /* Allocate a reference for the name table.  */
                    await drm_gem_object_reference(obj);
                }
                name.Value = obj.name;
                ret = 0;
            }
            spin_unlock(dev.object_name_lock);
        }
        await drm_gem_object_unreference_unlocked(obj);
        return ret;
    }
}
