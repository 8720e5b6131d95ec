using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.Search;

// The three mutants of `modern` the generator's steering was tuned on (bench/results/generator.md
// says so): each puts back one race that kernel history fixed. The bench program compiles this
// file too, so the figures there are about these very classes.

/// <summary>(a) GEM_FLINK without the handle_count == 0 check under object_name_lock: a flink racing the last GEM_CLOSE names an object no handle holds.</summary>
public sealed class FlinkWithoutHandleCountCheck : Modern
{
    public override string Name => "modern-flink-no-handle-count-check";

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

/// <summary>(b) GEM_CLOSE in one stage, as before f6cd7daecff5: the handle number is free again before the handle's references are released.</summary>
public sealed class OneStageGemClose : Modern
{
    public override string Name => "modern-one-stage-gem-close";

    protected override async KTask<int> drm_gem_handle_delete(DrmFile filp, uint handle)
    {
        await spin_lock(filp.table_lock);
        var obj = filp.object_idr.idr_find(handle);
        filp.object_idr.idr_remove(handle);
        spin_unlock(filp.table_lock);
        if (obj is null)
            return -Errno.EINVAL;

        await drm_gem_object_release_handle((int)handle, obj, filp);
        return 0;
    }
}

/// <summary>(c) Handle creation that publishes the object in the idr at once, as before bd46cece51a3, instead of reserving a NULL slot and publishing it last.</summary>
public sealed class HandlePublishedAtOnce : Modern
{
    public override string Name => "modern-handle-published-at-once";

    protected override async KTask<int> drm_gem_handle_create_tail(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        var dev = obj.dev;
        await drm_gem_object_handle_get(obj);

        bool preloaded = await kmalloc("object_idr");
        await spin_lock(file_priv.table_lock);
        int ret = preloaded ? file_priv.object_idr.idr_alloc(obj) : -Errno.ENOMEM;
        spin_unlock(file_priv.table_lock);

        mutex_unlock(object_name_lock(dev));
        if (ret < 0)
        {
            await drm_gem_object_handle_put_unlocked(obj);
            return ret;
        }
        handlep.Value = ret;
        return 0;
    }
}
