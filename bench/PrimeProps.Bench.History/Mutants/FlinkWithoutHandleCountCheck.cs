using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// GEM_FLINK before a8e11d1c435f "drm/gem: fix up flink name create race" (2013): the name
/// is created without re-checking handle_count under object_name_lock, so a FLINK racing the
/// last GEM_CLOSE names an object whose handles (and so whose name) are already gone.
/// </summary>
public sealed class FlinkWithoutHandleCountCheck : Modern
{
    public override string Name => "modern-pre-a8e11d1c435f";

    protected override async KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name)
    {
        int ret;
        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        await mutex_lock(object_name_lock(dev));
        if (obj.name == 0)
        {
            if (!await kmalloc("object_name_idr"))
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
}
