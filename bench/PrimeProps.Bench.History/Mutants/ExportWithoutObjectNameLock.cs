using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// PRIME_HANDLE_TO_FD without the locking half of 319c933c71f3 "drm/prime: proper
/// locking+refcounting for obj->dma_buf link" (2013): "multiple exports can also race against
/// each another. This is prevented by holding the dev->object_name_lock across the entire
/// section which touches obj->dma_buf." Here only the per-file prime lock is held, so two
/// files exporting one object both see obj->dma_buf NULL and both export.
/// </summary>
public sealed class ExportWithoutObjectNameLock : Modern
{
    public override string Name => "modern-pre-319c933c71f3-export";

    protected override async KTask<(DmaBuf? buf, int err)> drm_gem_prime_handle_to_dmabuf(DrmDevice dev, DrmFile file_priv, uint handle, uint flags)
    {
        DmaBuf? dmabuf = null;
        int err = 0;

        await mutex_lock(file_priv.prime.@lock);
        var obj = await drm_gem_object_lookup(file_priv, handle);
        if (obj is null)
        {
            err = -Errno.ENOENT;
            goto out_unlock;
        }

        dmabuf = drm_prime_lookup_buf_by_handle(file_priv.prime, handle);
        if (dmabuf is not null)
        {
            await get_dma_buf(dmabuf);
            goto @out;
        }

        /* re-export the original imported object */
        if (obj.import_attach is not null)
        {
            dmabuf = obj.import_attach.dmabuf;
            await get_dma_buf(dmabuf);
            goto out_have_obj;
        }

        if (obj.dma_buf is not null)
        {
            await get_dma_buf(obj.dma_buf);
            dmabuf = obj.dma_buf;
            goto out_have_obj;
        }

        (dmabuf, err) = await export_and_register_object(dev, obj, flags);
        if (dmabuf is null)
            goto @out;

    out_have_obj:
        int ret = await drm_prime_add_buf_handle(file_priv.prime, dmabuf, handle);
        if (ret != 0)
        {
            await dma_buf_put(dmabuf);
            (dmabuf, err) = (null, ret);
        }
    @out:
        await drm_gem_object_put(obj);
    out_unlock:
        mutex_unlock(file_priv.prime.@lock);
        return (err == 0 ? dmabuf : null, err);
    }
}
