using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;

namespace PrimeProps.Execution;

/// <summary>
/// The outcome of one run: the first violation (if any), the trace and the schedule taken.
/// Preemptions counts the steps where the schedule chose other than the fallback would.
/// </summary>
public sealed record RunResult(Scenario Scenario, string Protocol, Violation? Violation, Trace Trace, IReadOnlyList<int> Choices, int ExplicitChoices, int Preemptions, Kernel.KernelState Kernel)
{
    public bool Failed => Violation is not null;

    /// <summary>Every completed syscall with its arguments as numbers, result and the steps it spanned.</summary>
    public IReadOnlyList<Call> History { get; init; } = [];

    public int Steps => Choices.Count;

    /// <summary>What the reference oracle said of the syscall results (Unknown when it could not check them).</summary>
    public ReferenceVerdict Reference { get; init; } = ReferenceVerdict.NotChecked;

    /// <summary>Syscall results by (thread, op), in trace order; thread -1 is the setup.</summary>
    public IEnumerable<(int Thread, int Op, long Value)> Returns =>
        Trace.Events.Where(e => e.Kind == TraceKind.Return).Select(e => (e.Thread, e.Op, e.Value));

    public long? ReturnOf(int thread, int op)
    {
        foreach (var r in Returns)
            if (r.Thread == thread && r.Op == op)
                return r.Value;
        return null;
    }

    /// <summary>
    /// The scenario with the schedule this run actually took, so it replays exactly; steps
    /// after the last choice that the fallback would not have made are left out.
    /// </summary>
    public Scenario WithTakenSchedule() => Scenario with { Schedule = Scenario.Compress(Choices.Take(ExplicitChoices)) };

}

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
            _ => $"{Args.A}, {Args.B}",
        };
        return $"{Scenarios.OpSpec.Of(Kind).Name}({args}) = {Errno.Format(Result)}{(Flags is { } f ? $" [{f}]" : "")}";
    }
}
