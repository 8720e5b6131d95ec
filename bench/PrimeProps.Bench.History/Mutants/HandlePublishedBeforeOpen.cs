using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// Handle creation before bd46cece51a3 "drm/gem: Fix race in drm_gem_handle_create_tail()"
/// (2025): idr_alloc publishes the object at once, before drm_vma_node_allow (and
/// funcs->open) have succeeded. A GEM_CLOSE of the guessed handle number can release the
/// handle in that window, and when drm_vma_node_allow then fails (its allocation, the fault
/// site "drm_vma_offset_file") the error path removes the id and puts the handle a second time.
/// </summary>
public sealed class HandlePublishedBeforeOpen : Modern
{
    public override string Name => "modern-pre-bd46cece51a3";

    protected override async KTask<int> drm_gem_handle_create_tail(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        var dev = obj.dev;
        WARN_ON(!lockdep_is_held(object_name_lock(dev)), "!mutex_is_locked(&dev->object_name_lock)", obj);

        await drm_gem_object_handle_get(obj);

        bool preloaded = await kmalloc("object_idr");
        await spin_lock(file_priv.table_lock);
        int ret = preloaded ? file_priv.object_idr.idr_alloc(obj) : -Errno.ENOMEM;
        spin_unlock(file_priv.table_lock);

        mutex_unlock(object_name_lock(dev));
        if (ret < 0)
            goto err_unref;

        int handle = ret;

        ret = await drm_vma_node_allow(obj.vma_node, file_priv);
        if (ret != 0)
            goto err_remove;

        handlep.Value = handle;
        return 0;

    err_remove:
        await spin_lock(file_priv.table_lock);
        file_priv.object_idr.idr_remove(handle);
        spin_unlock(file_priv.table_lock);
    err_unref:
        await drm_gem_object_handle_put_unlocked(obj);
        return ret;
    }
}
