using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;

namespace PrimeProps.Oracles;

/// <summary>
/// Checks what userspace saw against the sequential reference: call by call when no two
/// calls overlapped, else by searching for a linearization. Runs with allocation faults are
/// not checked (the reference has no ENOMEM), nor histories longer than
/// <see cref="Linearizability.MaxPoints"/> linearization points with overlaps.
/// </summary>
public static class ReferenceOracle
{
    public static Violation? Check(Scenario scenario, IReadOnlyList<Call> history, ExportFdOrder exportOrder = ExportFdOrder.InstallLast)
    {
        if (scenario.Faults.Count > 0)
            return null;
        var devices = scenario.Devices.Select(d => d.Kind).ToList();
        var ordered = history.OrderBy(c => c.Invoked).ToList();
        if (ordered.Zip(ordered.Skip(1)).All(p => p.First.Returned < p.Second.Invoked))
            return CheckSequential(scenario, ordered, ReferenceState.Initial(devices, strictIds: true, exportOrder));
        var initial = ReferenceState.Initial(devices, strictIds: false, exportOrder);
        if (Linearizability.PointsOf(ordered) > Linearizability.MaxPoints)
            return null;
        var result = Linearizability.Check(ordered, initial);
        if (result.Linearizable)
            return null;
        var replay = initial.Clone();
        foreach (var c in result.LongestPrefix)
        {
            ReferenceModel.Step(replay, c);
            ReferenceModel.ReleaseIdle(replay, ordered.Except(result.LongestPrefix));
        }
        var why = result.Blocked.Select(c => $"{Name(scenario, c)} {c} (reference: {Expect(replay, c)})");
        return new Violation(OracleKind.NotLinearizable,
            $"no order of the {ordered.Count} calls explains every result; the longest explained prefix is " +
            $"[{string.Join("; ", result.LongestPrefix.Select(c => $"{Name(scenario, c)} {c}"))}], after which no pending call fits: {string.Join("; ", why)}",
            "", []);
    }

    private static Violation? CheckSequential(Scenario scenario, IReadOnlyList<Call> calls, ReferenceState state)
    {
        var initial = state.Clone();
        for (int i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            if (!ReferenceModel.Step(state, c))
                return new Violation(OracleKind.ReferenceMismatch,
                    $"{Name(scenario, c)} {c}, but the reference returns {Expect(Replay(initial, calls, i), c)}", OpSpec.Of(c.Kind).Name, [])
                    { Step = c.Returned, Thread = scenario.ThreadName(c.Thread) };
            ReferenceModel.ReleaseIdle(state, calls.Skip(i + 1));
        }
        return null;
    }

    /// <summary>The reference state just before call <paramref name="upTo"/> (a failure is rare: replay rather than copy at every step).</summary>
    private static ReferenceState Replay(ReferenceState initial, IReadOnlyList<Call> calls, int upTo)
    {
        var state = initial.Clone();
        for (int i = 0; i < upTo; i++)
        {
            ReferenceModel.Step(state, calls[i]);
            ReferenceModel.ReleaseIdle(state, calls.Skip(i + 1));
        }
        return state;
    }

    private static string Expect(ReferenceState s, Call c) => ReferenceModel.Expected(s, c) is { Count: > 0 } results
        ? string.Join(" or ", results.Select(Errno.Format))
        : "no result: the kernel's file or dma-buf identities contradict it";

    private static string Name(Scenario s, Call c) => $"{s.ThreadName(c.Thread)} op {c.Op + 1}:";
}
