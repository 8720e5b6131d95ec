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
    GemChangeHandle, // DRM_IOCTL_GEM_CHANGE_HANDLE (Linux 6.18+) -> the new handle
}

/// <summary>
/// What a value stands for; a reference must name a value of the kind its slot takes.
/// <see cref="ValueKind.Number"/> is a number the caller chooses (GEM_CHANGE_HANDLE's
/// new_handle): always a literal, never a reference, never bad input by itself.
/// </summary>
public enum ValueKind { None, Fd, Handle, Name, Device, Flags, Dims, Number }

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
/// The declaration of each call: its text name, its arguments' kinds, what it returns, the C
/// wrapper that makes it (kernel-lane/prime_ioctls.h, which both the C reproducer and the lane's
/// executor.c call) and what an omitted optional argument is. The text format, the trace, the
/// C reproducer and the lane batch read this table instead of switching on the op.
/// </summary>
/// <param name="Optional">How many trailing parameters may be left out (they take <see cref="Default"/>).</param>
/// <param name="CFunction">The C wrapper: called with the arguments in order, the device left out (the one card), dims as three numbers.</param>
/// <param name="Default">The value of the omitted optional argument, the same for the model, the repro and the lane.</param>
/// <remarks><see cref="Sites"/>: the allocation sites (<see cref="FaultSites"/>) on the call's path in some protocol, where a drawn fault can fire.</remarks>
public sealed record OpSpec(OpKind Kind, string Name, ValueKind Returns, ValueKind[] Params, string CFunction, int Optional = 0, Arg? Default = null)
{
    public IReadOnlyList<string> Sites { get; init; } = [];

    public static readonly OpSpec[] All =
    [
        new(OpKind.Open, "open", ValueKind.Fd, [ValueKind.Device], "sys_open_card") { Sites = ["drm_file"] },
        new(OpKind.CreateDumb, "create_dumb", ValueKind.Handle, [ValueKind.Fd, ValueKind.Dims], "create_dumb", Optional: 1, Default: Arg.DimsOf(1, 1, 32))
            { Sites = ["gem_object", "object_idr", "drm_vma_offset_file"] },
        new(OpKind.GemClose, "gem_close", ValueKind.None, [ValueKind.Fd, ValueKind.Handle], "gem_close"),
        new(OpKind.HandleToFd, "handle_to_fd", ValueKind.Fd, [ValueKind.Fd, ValueKind.Handle, ValueKind.Flags], "handle_to_fd", Optional: 1, Default: Arg.Number(ValueKind.Flags, 0))
            { Sites = ["dma_buf", "drm_prime_member"] },
        new(OpKind.FdToHandle, "fd_to_handle", ValueKind.Handle, [ValueKind.Fd, ValueKind.Fd], "fd_to_handle")
            { Sites = ["dma_buf_attachment", "gem_object", "object_idr", "drm_vma_offset_file", "drm_prime_member"] },
        new(OpKind.Close, "close", ValueKind.None, [ValueKind.Fd], "sys_close"),
        new(OpKind.Dup, "dup", ValueKind.Fd, [ValueKind.Fd], "sys_dup"),
        new(OpKind.Flink, "flink", ValueKind.Name, [ValueKind.Fd, ValueKind.Handle], "gem_flink") { Sites = ["object_name_idr"] },
        new(OpKind.GemOpen, "gem_open", ValueKind.Handle, [ValueKind.Fd, ValueKind.Name], "gem_open") { Sites = ["object_idr", "drm_vma_offset_file"] },
        // Returns the new handle on success (the ioctl returns 0 and new_handle is the caller's), so later ops can name it.
        new(OpKind.GemChangeHandle, "gem_change_handle", ValueKind.Handle, [ValueKind.Fd, ValueKind.Handle, ValueKind.Number], "gem_change_handle"),
    ];

    /// <summary>The calls every era has had since PRIME (Linux 3.3): what a protocol offers unless it says otherwise.</summary>
    public static readonly IReadOnlySet<OpKind> Classic = new HashSet<OpKind>(All.Select(s => s.Kind).Where(k => k != OpKind.GemChangeHandle));

    /// <summary>Argument <paramref name="i"/> of <paramref name="op"/>, or this call's default for an omitted optional one.</summary>
    public Arg ArgOrDefault(Op op, int i) => i < op.Args.Count ? op.Args[i] : Default ?? throw new ArgumentOutOfRangeException(nameof(i), $"'{Name}' has no argument {i + 1}");

    public static OpSpec Of(OpKind kind) => All[(int)kind];

    public static OpSpec? Named(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>DRM_CLOEXEC and DRM_RDWR, as in include/uapi/drm/drm.h.</summary>
public static class PrimeFlags
{
    public const uint DRM_CLOEXEC = 0x80000; // O_CLOEXEC
    public const uint DRM_RDWR = 0x2;        // O_RDWR
}
