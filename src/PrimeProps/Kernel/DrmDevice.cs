namespace PrimeProps.Kernel;

/// <summary>What a device's driver can do with PRIME.</summary>
public enum DeviceKind
{
    /// <summary>Exports its objects and imports foreign dma-bufs (i915 then, vgem today).</summary>
    Native,
    /// <summary>Exports, but has no gem_prime_import: FD_TO_HANDLE of a foreign dma-buf fails.</summary>
    ExportOnly,
}

/// <summary>struct drm_device with the GEM and PRIME state that the protocols share.</summary>
public sealed class DrmDevice(int index, string name, DeviceKind kind)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public DeviceKind Kind { get; } = kind;

    public KMutex struct_mutex { get; } = new($"{name}->struct_mutex", lockClass: "drm_device->struct_mutex");
    /// <summary>A spinlock in the seed era, a mutex since 2013.</summary>
    public KMutex object_name_lock { get; } = new($"{name}->object_name_lock", spinlock: true, "drm_device->object_name_lock");
    public Idr<GemObject> object_name_idr { get; } = new();
    /// <summary>Added by the seed patch: protects obj->dma_buf.</summary>
    public KMutex prime_lock { get; } = new($"{name}->prime_lock", lockClass: "drm_device->prime_lock");

    public override string ToString() => Name;
}
