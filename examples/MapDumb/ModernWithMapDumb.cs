using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;

namespace MapDumb;

/// <summary>
/// Today's kernel with DRM_IOCTL_MODE_MAP_DUMB in its drm_ioctls[]: drm_mode_mmap_dumb_ioctl
/// and the GEM helper it ends in, drm_gem_dumb_map_offset (drivers/gpu/drm/drm_dumb_buffers.c
/// and drm_gem.c), with the kernel's names so it reads beside the C.
/// </summary>
public class ModernWithMapDumb : Modern
{
    public override string Name => "modern-map-dumb";
    public override string Description => "modern with DRM_IOCTL_MODE_MAP_DUMB (an op declared in examples/MapDumb)";

    public override IReadOnlySet<OpKind> Ops { get; } = new HashSet<OpKind>(new Modern().Ops) { MapDumbOp.Id };

    /// <summary>drm_mode_mmap_dumb_ioctl: the driver's dumb_map_offset, else the GEM helper.</summary>
    protected internal virtual KTask<int> drm_mode_mmap_dumb_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> offset)
        => drm_gem_dumb_map_offset(file_priv, dev, handle, offset);

    /// <summary>drm_gem_dumb_map_offset: look the object up (a reference), make its mmap offset, put the reference.</summary>
    protected virtual async KTask<int> drm_gem_dumb_map_offset(DrmFile file, DrmDevice dev, uint handle, Out<long> offset)
    {
        var obj = await drm_gem_object_lookup(file, handle);
        if (obj is null)
            return -Errno.ENOENT;

        /* Don't allow imported objects to be mapped */
        // (the model's dumb buffers and vgem imports map alike; the offset is not followed)
        offset.Value = 0;

        await drm_gem_object_put(obj);
        return 0;
    }
}
