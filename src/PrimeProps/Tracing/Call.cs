using PrimeProps.Kernel;

namespace PrimeProps.Tracing;

/// <summary>
/// One completed syscall: thread <see cref="Thread"/>'s op <see cref="Op"/>, invoked at step
/// <see cref="Invoked"/> and returned at step <see cref="Returned"/> (the real-time order that
/// a linearization must respect). Thread -1 is the setup.
/// </summary>
public sealed record Call(int Thread, int Op, Scenarios.OpKind Kind, SyscallArgs Args, long Result, int Invoked, int Returned)
{
    /// <summary>The struct files (KFile ids) the call looked up by fd, in order: the ioctl's drm fd, then an fd argument.</summary>
    public IReadOnlyList<int> Resolved { get; init; } = [];

    /// <summary>The struct file the call installed on the fd it returned, or 0.</summary>
    public int Installed { get; init; }

    /// <summary>The allocation site whose injected fault fired during the call, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>FD_CLOEXEC and the access mode of the fd the call returned (null when it returned none).</summary>
    public FdFlags? Flags { get; init; }

    private long Value(int slot) => slot switch { 0 => Args.A, 1 => Args.B, _ => Args.C };

    public override string ToString()
    {
        // Each parameter as the kernel got it: value parameters are A, B, C by position (Executor.Resolve).
        var spec = Scenarios.OpSpec.Of(Kind);
        var args = string.Join(", ", spec.Params.Select((p, i) => p switch
        {
            Scenarios.ValueKind.Device => Args.Device?.Name ?? "?",
            Scenarios.ValueKind.Dims => $"{Args.Width}x{Args.Height}x{Args.Bpp}",
            Scenarios.ValueKind.Flags => $"0x{Value(i):x}",
            _ => $"{Value(i)}",
        }));
        return $"{Scenarios.OpSpec.Of(Kind).Name}({args}) = {Errno.Format(Result)}{(Flags is { } f ? $" [{f}]" : "")}";
    }
}
