using PrimeProps.Kernel;
using PrimeProps.Runtime;

namespace MapDumb;

/// <summary>
/// A driver patch under review: its own dumb_map_offset callback, which returns without the
/// drm_gem_object_put that balances drm_gem_object_lookup. Every successful MAP_DUMB leaks one
/// object reference, so the object outlives its last handle and fd: the leak oracle reports it
/// once every file is closed. The base, <see cref="ModernWithMapDumb"/>, has no such finding.
/// </summary>
public class MapDumbLeak : ModernWithMapDumb
{
    public override string Name => "modern-map-dumb-leak";
    public override string Description => "modern-map-dumb with a driver dumb_map_offset that forgets the object put";

    protected override async KTask<int> drm_gem_dumb_map_offset(DrmFile file, DrmDevice dev, uint handle, Out<long> offset)
    {
        var obj = await drm_gem_object_lookup(file, handle);
        if (obj is null)
            return -Errno.ENOENT;
        offset.Value = 0;
        return 0; // the put is missing
    }
}
