using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

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
