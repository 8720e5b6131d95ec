using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Bench.History.Mutants;

/// <summary>
/// The last handle's put without the part of 319c933c71f3 "drm/prime: proper
/// locking+refcounting for obj->dma_buf link" (2013) that treats the export cache like a flink
/// name: "remove the name (i.e. the dma_buf pointer) and its references when the last gem
/// handle disappears". The obj->dma_buf reference is never dropped, so object and dma-buf
/// hold each other for ever.
/// </summary>
public sealed class ExportCacheNotDroppedAtLastHandle : Modern
{
    public override string Name => "modern-pre-319c933c71f3-link-kept";

    protected override async KTask drm_gem_object_exported_dma_buf_free(GemObject obj) { }
}
