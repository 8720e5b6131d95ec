using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Oracles;

/// <summary>
/// Checks what userspace saw against the sequential reference: call by call when no two
/// calls overlapped, else by searching for a linearization. An injected allocation fault is
/// part of the call it fired in (the reference allows ENOMEM there, with the state the kernel
/// leaves). The verdict is Unknown, never a silent Pass, when the search cannot decide.
/// </summary>
public static class ReferenceOracle
{
    public static ReferenceVerdict Check(Scenario scenario, IReadOnlyList<Call> history, Trace trace, ExportFdOrder exportOrder = ExportFdOrder.InstallLast, IReadOnlySet<OpKind>? ops = null)
    {
        var fired = FaultsFired(trace);
        var calls = fired is null ? history : [.. history.Select(c => fired.TryGetValue((c.Thread, c.Op), out var site) ? c with { Fault = site } : c)];
        try
        {
            return Check(scenario, calls, exportOrder, ops) with { WithFault = fired is not null };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return ReferenceVerdict.Unknown("reference error", $"{e.GetType().Name}: {e.Message}"); // counted, never a silent pass
        }
    }

    /// <summary>The allocation site of the first fault that fired in each call, or null when none fired (most runs: no copy of the history then).</summary>
    private static Dictionary<(int Thread, int Op), string>? FaultsFired(Trace trace)
    {
        Dictionary<(int, int), string>? fired = null;
        foreach (var e in trace.Events)
            if (e.Kind == TraceKind.Fault)
                (fired ??= []).TryAdd((e.Thread, e.Op), e.Action);
        return fired;
    }

    /// <summary>The verdict on <paramref name="history"/>, whose calls carry the faults that fired in them.</summary>
    /// <param name="ops">The calls the kernel under test has (null: every call).</param>
    public static ReferenceVerdict Check(Scenario scenario, IReadOnlyList<Call> history, ExportFdOrder exportOrder = ExportFdOrder.InstallLast, IReadOnlySet<OpKind>? ops = null)
    {
        var devices = scenario.Devices.Select(d => d.Kind).ToList();
        var ordered = history.OrderBy(c => c.Invoked).ToList();
        if (Sequential(ordered))
            return CheckSequential(scenario, ordered, () => ReferenceState.Initial(devices, strictIds: true, exportOrder, ops)) is { } mismatch
                ? ReferenceVerdict.Fail(mismatch) : ReferenceVerdict.Pass;
        var initial = ReferenceState.Initial(devices, strictIds: false, exportOrder, ops);
        var size = new ReferenceVerdict(ReferenceOutcome.Pass)
            { Points = Linearizability.PointsOf(ordered), LongestStretch = Linearizability.Segments(ordered).Max(Linearizability.PointsOf) };
        var result = Linearizability.Check(ordered, initial);
        if (result.Undecided is { } why)
            return size with { Outcome = ReferenceOutcome.Unknown, Reason = why.StartsWith("no verdict") ? "search budget" : "no quiescent point", Detail = why };
        if (result.Linearizable)
            return size;
        var replay = initial.Clone();
        foreach (var c in result.LongestPrefix)
        {
            ReferenceModel.Step(replay, c);
            ReferenceModel.ReleaseIdle(replay, ordered.Except(result.LongestPrefix));
        }
        var blocked = result.Blocked.Select(c => $"{Name(scenario, c)} {c} (reference: {Expect(replay, c)})");
        return size with { Outcome = ReferenceOutcome.Fail, Violation = new Violation(OracleKind.NotLinearizable,
            $"no order of the {ordered.Count} calls explains every result; the longest explained prefix is " +
            $"[{string.Join("; ", result.LongestPrefix.Select(c => $"{Name(scenario, c)} {c}"))}], after which no pending call fits: {string.Join("; ", blocked)}",
            "", []) };
    }

    /// <summary>Whether each call returned before the next was invoked.</summary>
    private static bool Sequential(List<Call> ordered)
    {
        for (int i = 1; i < ordered.Count; i++)
            if (ordered[i - 1].Returned >= ordered[i].Invoked)
                return false;
        return true;
    }

    /// <param name="initial">Makes the state before the first call (again, to explain a mismatch).</param>
    private static Violation? CheckSequential(Scenario scenario, IReadOnlyList<Call> calls, Func<ReferenceState> initial)
    {
        var state = initial();
        for (int i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            if (!ReferenceModel.Step(state, c))
                return new Violation(OracleKind.ReferenceMismatch,
                    $"{Name(scenario, c)} {c}, but the reference returns {Expect(Replay(initial, calls, i), c)}", OpSpec.Of(c.Kind).Name, [])
                    { Step = c.Returned, Thread = scenario.ThreadName(c.Thread) };
            ReferenceModel.ReleaseIdle(state, calls, i + 1);
        }
        return null;
    }

    /// <summary>The reference state just before call <paramref name="upTo"/> (a failure is rare: replay rather than copy at every step).</summary>
    private static ReferenceState Replay(Func<ReferenceState> initial, IReadOnlyList<Call> calls, int upTo)
    {
        var state = initial();
        for (int i = 0; i < upTo; i++)
        {
            ReferenceModel.Step(state, calls[i]);
            ReferenceModel.ReleaseIdle(state, calls, i + 1);
        }
        return state;
    }

    private static string Expect(ReferenceState s, Call c) => ReferenceModel.Expected(s, c) is { Count: > 0 } results
        ? string.Join(" or ", results.Select(Errno.Format))
        : "no result: the kernel's file or dma-buf identities contradict it";

    private static string Name(Scenario s, Call c) => $"{s.ThreadName(c.Thread)} op {c.Op + 1}:";
}
