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

    public override string ToString()
    {
        var args = Kind switch
        {
            Scenarios.OpKind.Open => Args.Device?.Name ?? "?",
            Scenarios.OpKind.CreateDumb => $"{Args.A}, {Args.Width}x{Args.Height}x{Args.Bpp}",
            Scenarios.OpKind.Close or Scenarios.OpKind.Dup => $"{Args.A}",
            Scenarios.OpKind.HandleToFd => $"{Args.A}, {Args.B}, 0x{Args.C:x}",
            Scenarios.OpKind.GemChangeHandle => $"{Args.A}, {Args.B}, {Args.C}",
            _ => $"{Args.A}, {Args.B}",
        };
        return $"{Scenarios.OpSpec.Of(Kind).Name}({args}) = {Errno.Format(Result)}{(Flags is { } f ? $" [{f}]" : "")}";
    }
}
