using PrimeProps.Execution;
using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// Linux v3.6, before the seed patch. Overview and lifetime rules of this era:
/// <list type="bullet">
/// <item>Every handle holds an object reference and a handle_count; a flink name holds one more.</item>
/// <item><c>obj->export_dma_buf</c> is weak: the dma-buf holds the object (the export-time
/// lookup reference moves to it), and the driver's release callback clears the pointer
/// without any lock. Closing the last fd destroys the dma-buf.</item>
/// <item>Exports are serialized only by the per-file <c>prime.lock</c>.</item>
/// <item><c>dma_buf_fd</c> installs the fd before the prime list entry is added.</item>
/// <item>Prime list entries hold no dma-buf reference; a successful self-import keeps
/// dma_buf_get's reference forever.</item>
/// </list>
/// Files: drmP.h inlines (here), drm_gem.c, drm_prime.c, i915_gem_dmabuf.c / i915_gem.c.
/// </summary>
public partial class V3_6 : LinuxKernel
{
    public override string Name => "v3.6";
    public override string Description => "Linux 3.6 before the seed patch: weak export_dma_buf, per-file prime lock only, fd installed first";

    /// <summary>drm_drv.c's drm_global_mutex: one lock for the whole kernel (open and release of every drm file).</summary>
    protected readonly KMutex drm_global_mutex = new("drm_global_mutex");

    // include/drm/drmP.h

    protected virtual KTask drm_gem_object_reference(GemObject obj) => kref_get(obj);

    /// <summary>Caller holds dev->struct_mutex.</summary>
    protected virtual async KTask drm_gem_object_unreference(GemObject? obj)
    {
        if (obj is not null && await kref_put(obj))
            await drm_gem_object_free(obj);
    }

    protected virtual async KTask drm_gem_object_unreference_unlocked(GemObject? obj)
    {
        if (obj is not null)
        {
            var dev = obj.dev;
            await mutex_lock(dev.struct_mutex);
            if (await kref_put(obj))
                await drm_gem_object_free(obj);
            mutex_unlock(dev.struct_mutex);
        }
    }

    protected virtual async KTask drm_gem_object_handle_reference(GemObject obj)
    {
        await drm_gem_object_reference(obj);
        await shared($"atomic_inc(&{obj}->handle_count)");
        obj.handle_count++;
    }

    protected virtual async KTask drm_gem_object_handle_unreference_unlocked(GemObject? obj)
    {
        if (obj is null)
            return;

        await shared($"atomic_read(&{obj}->handle_count)");
        if (obj.handle_count == 0)
            return;

        /*
         * Must bump handle count first as this may be the last
         * ref, in which case the object would disappear before we
         * checked for a name
         */
        await shared($"atomic_dec_and_test(&{obj}->handle_count)");
        if (atomic_dec_and_test_handle_count(obj))
            await drm_gem_object_handle_free(obj);
        await drm_gem_object_unreference_unlocked(obj);
    }
}
