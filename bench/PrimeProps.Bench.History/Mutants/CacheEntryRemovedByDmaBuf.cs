using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// Handle release before ea2aa97ca37a "drm/gem: Fix GEM handle release errors" (2022):
/// drm_gem_remove_prime_handles removes the file's prime cache entry of obj->dma_buf, not the
/// entry of the handle being closed. With two handles of one object in one file (GEM_OPEN of
/// its own flink name), closing one handle drops the other's entry.
/// </summary>
public sealed class CacheEntryRemovedByDmaBuf : Modern
{
    public override string Name => "modern-pre-ea2aa97ca37a";

    protected override async KTask drm_gem_object_release_handle(int id, GemObject obj, DrmFile file_priv)
    {
        /* Note: obj->dma_buf can't disappear as long as we still hold a handle reference in obj->handle_count. */
        await mutex_lock(file_priv.prime.@lock);
        if (obj.dma_buf is not null)
            await drm_prime_remove_buf_handle_locked(file_priv.prime, obj.dma_buf);
        mutex_unlock(file_priv.prime.@lock);
        drm_vma_node_revoke(obj.vma_node, file_priv);

        await drm_gem_object_handle_put_unlocked(obj);
    }

    private async KTask drm_prime_remove_buf_handle_locked(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf)
    {
        var member = prime_fpriv.rb_find(dma_buf); // by dma-buf, in the rb-tree era the dmabufs tree walk
        if (member is not null)
        {
            prime_fpriv.rb_erase(member);
            await dma_buf_put(dma_buf);
        }
    }
}
