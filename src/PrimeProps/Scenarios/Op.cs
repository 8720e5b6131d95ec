namespace PrimeProps.Scenarios;

/// <summary>
/// The number of a call (its place in <see cref="OpSpec.All"/>): the built-in calls are named
/// here; a call a loaded assembly declares gets the next free number when it is registered.
/// </summary>
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
/// The declaration of one call, the one place every part of the framework reads about it: its
/// text name, its arguments' kinds, what it returns, the C wrapper that makes it
/// (kernel-lane/prime_ioctls.h, which both the C reproducer and the lane's executor.c call),
/// what an omitted optional argument is and where a fault can fire on its path. The rest of the
/// declaration is a facet per layer, each an interface of that layer's namespace that the
/// declaring class implements: its kernel entry (<c>Execution.IKernelEntry</c>), its
/// sequential semantics (<c>Reference.IReferenceOp</c>), what its result stands for
/// (<c>Typing.ITypedOp</c>) and how the generator draws it (<c>Search.IDrawnOp</c>). The
/// built-in calls are declared in <c>PrimeProps.Ops</c>, one file each; a user's assembly
/// declares more the same way and registers them (<see cref="Register"/>) when it is loaded.
/// </summary>
/// <remarks>
/// Lifetime: the registry only grows, and a call's <see cref="Kind"/> is its place in it, so the
/// built-in calls (registered first, in <see cref="OpKind"/> order, by a module initializer of
/// this library) keep the numbers the byte format and the traces have always used. A loaded
/// call takes the next number. Registration is idempotent by name and type, so loading one
/// assembly twice (the CLI's --load, then a scenario file's 'extension' line) is harmless.
/// </remarks>
public abstract class OpSpec
{
    /// <param name="optional">How many trailing parameters may be left out (they take <paramref name="default"/>).</param>
    /// <param name="cFunction">The C wrapper: called with the arguments in order, the device left out (the one card), dims as three numbers.</param>
    /// <param name="default">The value of the omitted optional argument, the same for the model, the repro and the lane.</param>
    /// <param name="sites">The allocation sites (<see cref="FaultSites"/>) on the call's path in some protocol, where a drawn fault can fire.</param>
    protected OpSpec(string name, ValueKind returns, ValueKind[] @params, string cFunction, int optional = 0, Arg? @default = null, IReadOnlyList<string>? sites = null)
    {
        (Name, Returns, Params, CFunction, Optional, Default, Sites) = (name, returns, @params, cFunction, optional, @default, sites ?? []);
        Extension = GetType().Assembly == typeof(OpSpec).Assembly ? null : GetType().Assembly.GetName().Name;
    }

    /// <summary>This call's number: its place in the registry (the built-in ones are <see cref="OpKind"/>'s named values).</summary>
    public OpKind Kind { get; private set; } = (OpKind)(-1);
    public string Name { get; }
    public ValueKind Returns { get; }
    public ValueKind[] Params { get; }
    public string CFunction { get; }
    public int Optional { get; }
    public Arg? Default { get; }

    /// <summary>The allocation sites (<see cref="FaultSites"/>) on the call's path in some protocol, where a drawn fault can fire.</summary>
    public IReadOnlyList<string> Sites { get; }

    /// <summary>
    /// The extension that declares this call: the simple name of its assembly, which a scenario
    /// file using the call names on an 'extension' line; null for the built-in calls.
    /// </summary>
    public string? Extension { get; }

    /// <summary>
    /// The definition of <see cref="CFunction"/> for a call kernel-lane/prime_ioctls.h lacks (an
    /// extension's): C that the reproducer writes after that header, in the same style (returns
    /// the result or -errno). Null for the calls the header has.
    /// </summary>
    public virtual string? CWrapper => null;

    /// <summary>Whether every era since PRIME (Linux 3.3) has the call: what a protocol offers unless it says otherwise.</summary>
    public virtual bool IsClassic => false;

    // Copy on write: readers (every run, on every thread) take the current array without a lock.
    private static volatile OpSpec[] registry = [];
    private static readonly object registering = new();

    /// <summary>Every call declared so far: the built-in ones in <see cref="OpKind"/> order, then those loaded, in load order.</summary>
    public static IReadOnlyList<OpSpec> All => registry;

    /// <summary>
    /// Adds <paramref name="spec"/> to the table and gives it its <see cref="Kind"/>; the same
    /// declaration (by name and type) again returns the one registered. Throws
    /// <see cref="ArgumentException"/> for another declaration of a name already taken.
    /// </summary>
    public static OpSpec Register(OpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (registering)
        {
            if (registry.FirstOrDefault(s => s.Name == spec.Name) is { } known)
                return known.GetType().FullName == spec.GetType().FullName && known.GetType().Assembly.FullName == spec.GetType().Assembly.FullName
                    ? known
                    : throw new ArgumentException($"op '{spec.Name}' is already declared by {known.GetType().FullName}; {spec.GetType().FullName} cannot take the name");
            if (spec.Name.Length == 0 || !spec.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                throw new ArgumentException($"op name '{spec.Name}' ({spec.GetType().FullName}): expected lower-case letters, digits and '_'");
            if (spec.Optional > 0 != spec.Default is not null || spec.Optional > spec.Params.Length)
                throw new ArgumentException($"op '{spec.Name}': an optional argument needs a default, and a default an optional argument");
            spec.Kind = (OpKind)registry.Length;
            registry = [.. registry, spec];
            classic = null;
            return spec;
        }
    }

    private static IReadOnlySet<OpKind>? classic;

    /// <summary>The calls every era has had since PRIME (Linux 3.3): what a protocol offers unless it says otherwise.</summary>
    public static IReadOnlySet<OpKind> Classic => classic ??= All.Where(s => s.IsClassic).Select(s => s.Kind).ToHashSet();

    /// <summary>Argument <paramref name="i"/> of <paramref name="op"/>, or this call's default for an omitted optional one.</summary>
    public Arg ArgOrDefault(Op op, int i) => i < op.Args.Count ? op.Args[i] : Default ?? throw new ArgumentOutOfRangeException(nameof(i), $"'{Name}' has no argument {i + 1}");

    public static OpSpec Of(OpKind kind)
        => registry is var all && (uint)kind < (uint)all.Length ? all[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "no op declared with this number");

    public static OpSpec? Named(string name) => registry.FirstOrDefault(s => s.Name == name);

    public override string ToString() => Name;
}

/// <summary>DRM_CLOEXEC and DRM_RDWR, as in include/uapi/drm/drm.h.</summary>
public static class PrimeFlags
{
    public const uint DRM_CLOEXEC = 0x80000; // O_CLOEXEC
    public const uint DRM_RDWR = 0x2;        // O_RDWR
}
