using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Tests.Model;

/// <summary>The seed without "refill the export cache" on import.</summary>
internal sealed class Seed2012WithoutRefill : Seed2012
{
    public override string Name => "seed-2012-no-refill";

    protected override async KTask drm_prime_refill_dma_buf(DrmDevice dev, GemObject obj, DmaBuf dma_buf) { }
}

/// <summary>
/// The seed before its v2 ("be careful to not drop any references while holding locks"):
/// the import keeps dev->prime_lock from the refill until the new handle exists, so when the
/// handle cannot be allocated (ENOMEM) the error path drops the last handle reference, whose
/// drm_gem_object_handle_free takes prime_lock again.
/// </summary>
internal sealed class Seed2012HoldingPrimeLock : Seed2012
{
    public override string Name => "seed-2012-hold-prime-lock";

    protected override async KTask drm_prime_refill_dma_buf(DrmDevice dev, GemObject obj, DmaBuf dma_buf)
    {
        await mutex_lock(dev.prime_lock);
        if (obj.dma_buf is null)
        {
            obj.dma_buf = dma_buf;
            await get_dma_buf(dma_buf);
        }
        // no unlock: held until the handle exists
    }

    protected override async KTask<int> drm_gem_handle_create(DrmFile file_priv, GemObject obj, Out<long> handlep)
    {
        int ret = await base.drm_gem_handle_create(file_priv, obj, handlep);
        if (ret == 0 && lockdep_is_held(obj.dev.prime_lock))
            mutex_unlock(obj.dev.prime_lock);
        return ret;
    }
}
