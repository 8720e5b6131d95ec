using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// v3.6 with the seed patch as posted, "drm/prime: fixup the dma buf export cache locking"
/// (Daniel Vetter, 23 Jul 2012, v3). Only the functions the diff touches are overridden:
/// <list type="bullet">
/// <item><c>dev->prime_lock</c> serializes every use of <c>obj->dma_buf</c> (renamed from export_dma_buf);</item>
/// <item><c>obj->dma_buf</c> holds a dma-buf reference, dropped when handle_count reaches 0 and
/// refilled on import;</item>
/// <item>export re-checks handle_count after the fact, and installs the fd last;</item>
/// <item>the driver's release callback only drops the object reference.</item>
/// </list>
/// What it does not fix, and the model still finds: the flink name race (a8e11d1c435f), the
/// per-file cache race (follow-up to 319c933c71f3) and the self-import reference (v3.10).
/// </summary>
public class Seed2012 : V3_6
{
    public override string Name => "seed-2012";
    public override string Description => "the seed patch as posted: dev->prime_lock, obj->dma_buf holds a reference, refill on import, fd installed last";

    protected override async KTask drm_gem_object_handle_free(GemObject obj)
    {
        await base.drm_gem_object_handle_free(obj); // remove any name, as before
        var dev = obj.dev;

        await mutex_lock(dev.prime_lock);
        if (obj.dma_buf is not null)
        {
            var buf = obj.dma_buf;
            obj.dma_buf = null;
            mutex_unlock(dev.prime_lock);

            /* We still hold a reference to the underlying GEM object, so
             * this will free at most the dma buf object itself. */
            await dma_buf_put(buf);
        }
        else
            mutex_unlock(dev.prime_lock);
    }

    protected override async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
    {
        int ret;
        var obj = await drm_gem_object_lookup(dev, file_priv, handle);
        if (obj is null)
            return -Errno.ENOENT;

        await mutex_lock(file_priv.prime.@lock);
        /* re-export the original imported object */
        if (obj.import_attach is not null)
        {
            await get_dma_buf(obj.import_attach.dmabuf);
            prime_fd.Value = await dma_buf_fd(obj.import_attach.dmabuf, flags);
            await drm_gem_object_unreference_unlocked(obj);
            mutex_unlock(file_priv.prime.@lock);
            return 0;
        }

        await mutex_lock(dev.prime_lock);
        if (obj.dma_buf is not null)
        {
            await get_dma_buf(obj.dma_buf);
        }
        else
        {
            var buf = await i915_gem_prime_export(dev, obj, flags);
            if (buf is null)
            {
                ret = -Errno.ENOMEM;
                goto @out;
            }
            /* Allocate a reference for the dma buf. */
            await drm_gem_object_reference(obj);

            /* Allocate a reference for the re-export cache. */
            await get_dma_buf(buf);
            obj.dma_buf = buf;
        }
        /* if we've exported this buffer the cheat and add it to the import list
         * so we get the correct handle back
         */
        ret = await drm_prime_add_imported_buf_handle(file_priv.prime, obj.dma_buf, handle);
        if (ret != 0)
            goto @out;

        /* Only set up the userspace fd once everything is done. */
        prime_fd.Value = await dma_buf_fd(obj.dma_buf, flags);
    @out:
        mutex_unlock(dev.prime_lock);
        mutex_unlock(file_priv.prime.@lock);

        /* Check whether someone sneaky dropped the last userspace gem handle,
         * clean up the mess if so. */
        await shared($"atomic_read(&{obj}->handle_count)");
        if (obj.handle_count == 0)
            await drm_gem_object_handle_free(obj);

        await drm_gem_object_unreference_unlocked(obj);

        return ret;
    }

    protected override async KTask<int> drm_gem_prime_fd_to_handle(DrmDevice dev, DrmFile file_priv, long prime_fd, Out<long> handle)
    {
        int ret;
        var (dma_buf, err) = await dma_buf_get(prime_fd);
        if (dma_buf is null)
            return err;

        await mutex_lock(file_priv.prime.@lock);

        ret = drm_prime_lookup_imported_buf_handle(file_priv.prime, dma_buf, handle);
        if (ret == 0)
        {
            mutex_unlock(file_priv.prime.@lock);
            await dma_buf_put(dma_buf);

            return 0;
        }

        /* never seen this one, need to import */
        var (obj, import_err) = await i915_gem_prime_import(dev, dma_buf);
        if (obj is null)
        {
            mutex_unlock(file_priv.prime.@lock);
            await dma_buf_put(dma_buf);

            return import_err;
        }

        await drm_prime_refill_dma_buf(dev, obj, dma_buf);

        ret = await drm_gem_handle_create(file_priv, obj, handle);
        if (ret != 0)
            goto fail_handle;

        ret = await drm_prime_add_imported_buf_handle(file_priv.prime, dma_buf, (int)handle.Value);
        if (ret != 0)
            goto fail;

        mutex_unlock(file_priv.prime.@lock);
        await drm_gem_object_unreference_unlocked(obj);

        return 0;

    fail:
        /* hmm, if driver attached, we are relying on the free-object path
         * to detach.. which seems ok..
         */
        await drm_gem_object_handle_unreference_unlocked(obj);
    fail_handle:
        await shared($"atomic_read(&{obj}->handle_count)");
        if (obj.handle_count == 0)
            await drm_gem_object_handle_free(obj);
        mutex_unlock(file_priv.prime.@lock);
        await drm_gem_object_unreference_unlocked(obj);
        await dma_buf_put(dma_buf);

        return ret;
    }

    /// <summary>
    /// The refill block of drm_gem_prime_fd_to_handle, kept inline in the C; a function here so
    /// that a variant (the mutant without refill, say) replaces just this block.
    /// </summary>
    protected virtual async KTask drm_prime_refill_dma_buf(DrmDevice dev, GemObject obj, DmaBuf dma_buf)
    {
        await mutex_lock(dev.prime_lock);
        /* Refill the export cache - this is only really important if the dma
         * buf was the only userspace visible handle left and we're re-importing
         * into the original exporter, in which case we've cleared obj->dma_buf
         * already. Because we will create a GEM userspace handle below we only
         * need to check for gem_close races if that fails.
         */
        if (obj.dma_buf is null)
        {
            obj.dma_buf = dma_buf;
            await get_dma_buf(dma_buf);
        }
        else
            WARN_ON(obj.dma_buf != dma_buf, "obj->dma_buf != dma_buf", obj, dma_buf);
        mutex_unlock(dev.prime_lock);
    }

    /// <summary>The release callback now only drops the dma-buf's object reference.</summary>
    protected override async KTask i915_gem_dmabuf_release(DmaBuf dma_buf)
    {
        var obj = dma_buf.priv;
        await drm_gem_object_unreference_unlocked(obj);
    }
}
