using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// PRIME_FD_TO_HANDLE before 319c933c71f3 "drm/prime: proper locking+refcounting for
/// obj->dma_buf link" (2013): the import runs outside object_name_lock and does not
/// "reinstate the obj->dma_buf link at import time", so an object whose handles were all
/// closed comes back through its dma-buf fd without the link, and its next export from a
/// handle the cache does not know makes a second dma-buf.
/// </summary>
public sealed class ImportWithoutObjectNameLock : Modern
{
    public override string Name => "modern-pre-319c933c71f3-import";

    protected override async KTask<int> drm_gem_prime_fd_to_handle(DrmDevice dev, DrmFile file_priv, long prime_fd, Out<long> handle)
    {
        var (dma_buf, err) = await dma_buf_get(prime_fd);
        if (dma_buf is null)
            return err;

        await mutex_lock(file_priv.prime.@lock);

        int ret = drm_prime_lookup_buf_handle(file_priv.prime, dma_buf, handle);
        if (ret == 0)
            goto out_put;

        /* never seen this one, need to import */
        var (obj, import_err) = await drm_gem_prime_import(dev, dma_buf);
        if (obj is null)
        {
            ret = import_err;
            goto out_put;
        }

        ret = await drm_gem_handle_create(file_priv, obj, handle);
        await drm_gem_object_put(obj);
        if (ret != 0)
            goto out_put;

        ret = await drm_prime_add_buf_handle(file_priv.prime, dma_buf, handle.Value);
        mutex_unlock(file_priv.prime.@lock);
        if (ret != 0)
            goto fail;

        await dma_buf_put(dma_buf);
        return 0;

    fail:
        await drm_gem_handle_delete(file_priv, (uint)handle.Value);
        await dma_buf_put(dma_buf);
        return ret;

    out_put:
        mutex_unlock(file_priv.prime.@lock);
        await dma_buf_put(dma_buf);
        return ret;
    }
}
