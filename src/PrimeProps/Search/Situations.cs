using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Tracing;

namespace PrimeProps.Search;

/// <summary>
/// Named situations where PRIME bugs live, and which of them a finished run reached. Each is
/// read from the calls that completed (results, the steps they spanned, the files they looked
/// up), the scenario's typing (<see cref="TypedScenario"/>: which object, file and device a
/// value stands for) and the trace; only calls that succeeded count, so a situation reached is
/// one the kernel really went through.
/// </summary>
public static class Situations
{
    public static readonly IReadOnlyList<(string Name, string What)> All =
    [
        ("import-other-file", "fd_to_handle of a dma-buf exported by another file of the same device"),
        ("import-other-device", "fd_to_handle of a dma-buf exported by another device (a new object)"),
        ("self-import", "fd_to_handle of a dma-buf in the file that exported it"),
        ("re-export-of-import", "handle_to_fd of a handle imported from another device"),
        ("gem-open-own-name", "gem_open of a name in the file that made it: two handles for one object in one file"),
        ("import-into-file-with-opened-handle", "fd_to_handle into a file holding a gem_open'd handle of the same object"),
        ("flink-open-across-files", "gem_open of a name made by another file"),
        ("exports-race", "two handle_to_fd of one object in flight at once"),
        ("export-races-gem-close", "handle_to_fd and gem_close of one object in flight at once"),
        ("flink-races-gem-close", "flink and gem_close of one object in flight at once"),
        ("import-races-close-of-its-fd", "fd_to_handle in flight while its dma-buf fd is closed"),
        ("gem-close-during-ioctl-on-handle", "gem_close of a handle while another thread's call on the same file and handle runs"),
        ("fd-closed-during-ioctl-on-it", "close of an fd while another thread's call on the same struct file runs"),
        ("last-fd-closed-during-ioctl", "a file released by a call other than close: its last fd was closed while the call held it"),
        ("fd-number-reused", "an fd number handed out again for another file"),
        ("handle-number-reused", "a handle number handed out again in a file after gem_close freed it"),
        ("raw-fd-hit-live-file", "a raw fd number (a guess) that named a live file"),
        ("fault-injected", "an injected allocation failure fired"),
    ];

    /// <summary>The situations <paramref name="run"/> reached, each once, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Reached(RunResult run, TypedScenario typed)
    {
        var log = new SituationLog();
        var calls = run.History;
        var fdOwner = new Dictionary<long, int>();
        foreach (var c in calls)
        {
            var op = typed[c.Thread, c.Op];
            if (op.Bad == BadInput.RawNumber && op.Op.Args.Any(a => a.Kind == ValueKind.Fd && !a.IsRef) && c.Resolved.Count > 0)
                log.Add("raw-fd-hit-live-file");
            if (c.Installed != 0)
            {
                if (fdOwner.TryGetValue(c.Result, out var before) && before != c.Installed)
                    log.Add("fd-number-reused");
                fdOwner[c.Result] = c.Installed;
            }
            if (c.Result < 0 || op.Bad != BadInput.None)
                continue;
            if (OpSpec.Of(c.Kind).Returns == ValueKind.Handle && c.Resolved.Count > 0 && log.FreedHandles.Remove((c.Resolved[0], c.Result)))
                log.Add("handle-number-reused");
            (OpSpec.Of(c.Kind) as ISituatedOp)?.Reached(log, c, op);
        }
        Races(calls, typed, log);
        foreach (var e in run.Trace.Events)
        {
            if (e.Kind == TraceKind.Fault)
                log.Add("fault-injected");
            else if (e.Kind == TraceKind.Step && e.Action.StartsWith("__fput(", StringComparison.Ordinal)
                     && e.Thread >= 0 && e.Thread < run.Scenario.Threads.Count && run.Scenario.Threads[e.Thread].Ops[e.Op].Kind != OpKind.Close)
                log.Add("last-fd-closed-during-ioctl");
        }
        return [.. All.Select(s => s.Name).Where(log.ReachedNames.Contains)];
    }

    /// <summary>Pairs of successful, well-typed calls of two threads in flight at once, as the first call's declaration reads them (<see cref="ISituatedOp.Raced"/>).</summary>
    private static void Races(IReadOnlyList<Call> calls, TypedScenario typed, SituationLog log)
    {
        for (int i = 0; i < calls.Count; i++)
            for (int j = 0; j < calls.Count; j++)
            {
                var (c, d) = (calls[i], calls[j]);
                if (c.Thread == d.Thread || !(c.Invoked < d.Returned && d.Invoked < c.Returned) || c.Result < 0)
                    continue;
                var (x, y) = (typed[c.Thread, c.Op], typed[d.Thread, d.Op]);
                if (x.Bad != BadInput.None || y.Bad != BadInput.None)
                    continue;
                bool sameObject = x.Args.Count > 1 && y.Args.Count > 1 && x.Args[1].Kind == Resource.Handle && y.Args[1].Kind == Resource.Handle
                                  && x.Args[1].Object == y.Args[1].Object;
                (OpSpec.Of(c.Kind) as ISituatedOp)?.Raced(log, c, d, sameObject, i < j);
            }
    }
}
