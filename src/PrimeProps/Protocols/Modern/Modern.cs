using PrimeProps.Execution;
using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// Today's kernel (drm_gem.c, drm_prime.c of v6.x, with the 2024 "install the fd last" helper
/// and the 2025 reserve-then-publish handle slots), with vgem's shmem dumb buffers.
/// Overview and lifetime rules (drivers/gpu/drm/drm_prime.c, "DOC: overview and lifetime rules"):
/// <list type="bullet">
/// <item>All handles of an object together hold one object reference plus handle_count, under
/// dev->object_name_lock (a mutex).</item>
/// <item><c>obj->dma_buf</c> (the export cache) holds a dma-buf reference; it is dropped when
/// handle_count reaches 0, which breaks the only reference cycle (obj &lt;-&gt; dma-buf).</item>
/// <item><c>dma_buf->priv</c> holds an object reference; prime cache entries hold dma-buf references.</item>
/// <item>Lock order: file_priv->prime.lock, then dev->object_name_lock, then file_priv->table_lock.</item>
/// <item>A flink name holds no reference and goes with the last handle.</item>
/// </list>
/// Files: drm_gem.c, drm_prime.c, vgem (drm_gem_shmem_helper.c) beside this one.
/// </summary>
public partial class Modern : LinuxKernel
{
    public override string Name => "modern";
    public override string Description => "today's drm_prime.c/drm_gem.c (v6.x): object_name_lock, per-file cache keyed both ways, fd installed last, vgem";

    public override bool FollowsModernReference => true;

    /// <summary>Mainline has GEM_CHANGE_HANDLE (6.18+); the versions the lane boots predate it (<see cref="V6_12"/>).</summary>
    public override IReadOnlySet<Scenarios.OpKind> Ops => ModernOps;

    // Once, not per instance: a kernel is made for every run.
    private static readonly IReadOnlySet<Scenarios.OpKind> ModernOps = new HashSet<Scenarios.OpKind>(Scenarios.OpSpec.Classic) { Scenarios.OpKind.GemChangeHandle };

    /// <summary>Modern kernels use object_name_lock as a mutex (since 2013).</summary>
    protected static KMutex object_name_lock(DrmDevice dev) => dev.object_name_lock;

    protected virtual KTask drm_gem_object_get(GemObject obj) => kref_get(obj);

    protected virtual async KTask drm_gem_object_put(GemObject obj)
    {
        if (await kref_put(obj))
            await drm_gem_object_free(obj);
    }

    /// <summary>drm_gem_object_free: obj->funcs->free, here vgem's shmem free.</summary>
    protected virtual KTask drm_gem_object_free(GemObject obj) => drm_gem_shmem_free(obj);

    /// <summary>drm_file_free's GEM and PRIME part.</summary>
    protected override async KTask drm_release(DrmFile file)
    {
        await drm_gem_release(file.dev, file);
        drm_prime_destroy_file_private(file.prime);
    }

    protected override KTask dma_buf_ops_release(DmaBuf dmabuf) => drm_gem_dmabuf_release(dmabuf);
}
