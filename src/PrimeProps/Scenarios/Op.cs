namespace PrimeProps.Scenarios;

/// <summary>The userspace calls a scenario can make.</summary>
public enum OpKind
{
    Open,        // open("/dev/dri/cardN") -> fd
    CreateDumb,  // DRM_IOCTL_MODE_CREATE_DUMB -> handle
    GemClose,    // DRM_IOCTL_GEM_CLOSE
    HandleToFd,  // DRM_IOCTL_PRIME_HANDLE_TO_FD -> fd
    FdToHandle,  // DRM_IOCTL_PRIME_FD_TO_HANDLE -> handle
    Close,       // close(fd)
    Dup,         // dup(fd) -> fd
    Flink,       // DRM_IOCTL_GEM_FLINK -> name
    GemOpen,     // DRM_IOCTL_GEM_OPEN -> handle
}

/// <summary>What a value stands for; a reference must name a value of the kind its slot takes.</summary>
public enum ValueKind { None, Fd, Handle, Name, Device, Flags, Dims }

/// <summary>
/// One argument: a symbolic reference to the result of an earlier op ("h1"), a raw number
/// (for bad-input testing, or an fd number guessed the way a racing thread would), a device
/// name, export flags, or dumb-buffer dimensions.
/// </summary>
public readonly record struct Arg(ValueKind Kind, string? Var, long Raw, int Width = 0, int Height = 0, int Bpp = 0)
{
    public static Arg Ref(ValueKind kind, string var) => new(kind, var, 0);
    public static Arg Number(ValueKind kind, long value) => new(kind, null, value);
    public static Arg DimsOf(int width, int height, int bpp) => new(ValueKind.Dims, null, 0, width, height, bpp);
    public bool IsRef => Var is not null;
}

/// <summary>One call: <c>[result =] kind args</c>.</summary>
public sealed record Op(OpKind Kind, string? Result, IReadOnlyList<Arg> Args)
{
    public Arg this[int i] => Args[i];
}

/// <summary>
/// The signature of each call, as the text format names it, and <see cref="Sites"/>: the
/// allocation sites (<see cref="FaultSites"/>) on its path in some protocol, where a drawn
/// fault can fire.
/// </summary>
public sealed record OpSpec(OpKind Kind, string Name, ValueKind Returns, ValueKind[] Params, int Optional = 0)
{
    public IReadOnlyList<string> Sites { get; init; } = [];

    public static readonly OpSpec[] All =
    [
        new(OpKind.Open, "open", ValueKind.Fd, [ValueKind.Device]) { Sites = ["drm_file"] },
        new(OpKind.CreateDumb, "create_dumb", ValueKind.Handle, [ValueKind.Fd, ValueKind.Dims], Optional: 1)
            { Sites = ["gem_object", "object_idr", "drm_vma_offset_file"] },
        new(OpKind.GemClose, "gem_close", ValueKind.None, [ValueKind.Fd, ValueKind.Handle]),
        new(OpKind.HandleToFd, "handle_to_fd", ValueKind.Fd, [ValueKind.Fd, ValueKind.Handle, ValueKind.Flags], Optional: 1)
            { Sites = ["dma_buf", "drm_prime_member"] },
        new(OpKind.FdToHandle, "fd_to_handle", ValueKind.Handle, [ValueKind.Fd, ValueKind.Fd])
            { Sites = ["dma_buf_attachment", "gem_object", "object_idr", "drm_vma_offset_file", "drm_prime_member"] },
        new(OpKind.Close, "close", ValueKind.None, [ValueKind.Fd]),
        new(OpKind.Dup, "dup", ValueKind.Fd, [ValueKind.Fd]),
        new(OpKind.Flink, "flink", ValueKind.Name, [ValueKind.Fd, ValueKind.Handle]) { Sites = ["object_name_idr"] },
        new(OpKind.GemOpen, "gem_open", ValueKind.Handle, [ValueKind.Fd, ValueKind.Name]) { Sites = ["object_idr", "drm_vma_offset_file"] },
    ];

    public static OpSpec Of(OpKind kind) => All[(int)kind];

    public static OpSpec? Named(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>DRM_CLOEXEC and DRM_RDWR, as in include/uapi/drm/drm.h.</summary>
public static class PrimeFlags
{
    public const uint DRM_CLOEXEC = 0x80000; // O_CLOEXEC
    public const uint DRM_RDWR = 0x2;        // O_RDWR
}
