using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// GEM_OPEN before 20228c447846 "drm/gem: completely close gem_open vs. gem_close races"
/// (2013): object_name_lock is dropped between the name lookup and the handle creation, so
/// the last GEM_CLOSE can reap the name in between and GEM_OPEN still makes a handle.
/// </summary>
public sealed class GemOpenNotAtomic : Modern
{
    public override string Name => "modern-pre-20228c447846";

    protected override async KTask<int> drm_gem_open_ioctl(DrmDevice dev, DrmFile file_priv, uint name, Out<long> handle)
    {
        await mutex_lock(object_name_lock(dev));
        var obj = dev.object_name_idr.idr_find(name);
        if (obj is not null)
            await drm_gem_object_get(obj);
        mutex_unlock(object_name_lock(dev));
        if (obj is null)
            return -Errno.ENOENT;

        int ret = await drm_gem_handle_create(file_priv, obj, handle);
        await drm_gem_object_put(obj);
        return ret;
    }
}
