using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Shrinking;

/// <summary>Passes that remove: threads, ops with the ops that use their results, faults, devices.</summary>
public static partial class ShrinkPasses
{
    /// <param name="run">The failing run of <paramref name="s"/>, whose steps guide the new schedule; null: keep the schedule.</param>
    public static IEnumerable<Scenario> DropThreads(Scenario s, RunResult? run = null)
    {
        for (int t = s.Threads.Count - 1; t >= 0; t--)
        {
            int gone = t;
            var threads = s.Threads.Where((_, i) => i != gone).ToList();
            var faults = s.Faults.Where(f => f.Thread != gone)
                .Select(f => f with { Thread = f.Thread > gone ? f.Thread - 1 : f.Thread }).ToList();
            var dead = new HashSet<Op>(s.Threads[gone].Ops, ReferenceEqualityComparer.Instance);
            var smaller = WithoutVarsOf(s with { Threads = threads, Faults = faults }, dead, run);
            yield return smaller with { Schedule = Renumber(smaller.Schedule, gone) };
        }
    }

    private static List<ScheduleRun> Renumber(IEnumerable<ScheduleRun> schedule, int gone)
        => [.. Scenario.Compress(schedule.Where(r => r.Thread != gone)
            .SelectMany(r => Enumerable.Repeat(r.Thread > gone ? r.Thread - 1 : r.Thread, r.Count)))];

    /// <summary>Each op, last first, together with every op that (transitively) uses its result.</summary>
    public static IEnumerable<Scenario> DropOps(Scenario s, RunResult? run = null)
    {
        var places = new List<(int Thread, int Op)>();
        for (int t = s.Threads.Count - 1; t >= 0; t--)
            for (int i = s.Threads[t].Ops.Count - 1; i >= 0; i--)
                places.Add((t, i));
        for (int i = s.Setup.Count - 1; i >= 0; i--)
            places.Add((Scenario.SetupThread, i));
        foreach (var (t, i) in places)
            yield return RemoveWithDependents(s, s.OpsOf(t)[i], run);
    }

    /// <summary>
    /// syzkaller's first cut: keep only the op that was running when the violation was seen,
    /// the ops whose results it uses (transitively), and the ops of other threads that touch
    /// the same values (a race needs its partner); everything else goes in one candidate.
    /// </summary>
    public static IEnumerable<Scenario> KeepResourceChain(RunResult run)
    {
        var s = run.Scenario;
        if (run.Violation is not { } v)
            yield break;
        int index = run.Trace.Events.FindLastIndex(e => e.Kind == TraceKind.Step && e.Step == v.Step);
        if (index < 0 || run.Trace.Events[index] is not { Op: >= 0 } at || at.Thread >= s.Threads.Count)
            yield break; // found at exit (a leak): no single op to start from
        var definers = AllOps(s).Where(o => o.Result is not null).ToDictionary(o => o.Result!);
        var keep = new HashSet<Op>(ReferenceEqualityComparer.Instance);
        void Need(Op op)
        {
            if (!keep.Add(op))
                return;
            foreach (var a in op.Args.Where(a => a.IsRef && a.Kind != ValueKind.Device))
                if (definers.TryGetValue(a.Var!, out var d))
                    Need(d);
        }
        Need(s.OpsOf(at.Thread)[at.Op]);
        // Partners: ops that use a buffer-side value of the chain (a handle, a dma-buf fd, a name,
        // not a drm file, which everything shares), and what they make in turn. A root is a call
        // that takes no value (open of a card): what it makes is the drm file.
        static bool Root(Op o) => OpSpec.Of(o.Kind).Params.All(p => p == ValueKind.Device);
        var shared = keep.Where(o => !Root(o) && o.Result is not null).Select(o => o.Result!).ToHashSet();
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var op in AllOps(s).Where(o => !keep.Contains(o) && o.Args.Any(a => a.IsRef && shared.Contains(a.Var!))).ToList())
            {
                Need(op);
                if (!Root(op) && op.Result is { } r)
                    shared.Add(r);
                grew = true;
            }
        }
        var dead = new HashSet<Op>(AllOps(s).Where(o => !keep.Contains(o)), ReferenceEqualityComparer.Instance);
        if (dead.Count > 0)
            yield return Without(s, dead, run);
    }

    /// <summary>
    /// An op that made a handle or an fd, dropped with what uses it, and each raw number of that
    /// kind above the number it freed lowered by the numbers freed below it: a guessed number
    /// ("gem_close A 3" for the handle a racing creation gets) keeps naming the same object
    /// once an earlier handle is gone. Without this a guess pins every op that made a lower
    /// number, as dropping one alone makes the guess miss.
    /// </summary>
    public static IEnumerable<Scenario> DropOpsRenumbering(RunResult run)
    {
        var s = run.Scenario;
        var values = ValuesOf(run);
        foreach (var (_, _, op) in Places(s).Reverse())
        {
            var kind = OpSpec.Of(op.Kind).Returns;
            if (kind is not (ValueKind.Handle or ValueKind.Fd) || op.Result is not { } made || !values.TryGetValue(made, out long number)
                || !Uses(s).Any(u => !u.Arg.IsRef && u.Arg.Kind == kind && u.Arg.Raw > number))
                continue;
            var smaller = RemoveWithDependents(s, op, run);
            var left = Variables(smaller).Select(v => v.Name).ToHashSet();
            var freed = Variables(s).Where(v => v.Kind == kind && !left.Contains(v.Name) && values.ContainsKey(v.Name))
                .Select(v => values[v.Name]).Distinct().ToList();
            yield return Rewrite(smaller, (_, _, a) => !a.IsRef && a.Kind == kind && a.Raw > number
                ? Arg.Number(kind, a.Raw - freed.Count(f => f < a.Raw))
                : a);
        }
    }

    public static IEnumerable<Scenario> DropFaults(Scenario s)
        => s.Faults.Select((_, i) => s with { Faults = s.Faults.Where((_, j) => j != i).ToList() });

    public static IEnumerable<Scenario> DropUnusedDevices(Scenario s)
    {
        var used = AllOps(s).SelectMany(o => o.Args).Where(a => a.Kind == ValueKind.Device).Select(a => a.Var).ToHashSet();
        var kept = s.Devices.Where(d => used.Contains(d.Name)).ToList();
        if (kept.Count < s.Devices.Count)
            yield return s with { Devices = kept };
    }

    private static Scenario RemoveWithDependents(Scenario s, Op root, RunResult? run)
    {
        var dead = new HashSet<Op>(ReferenceEqualityComparer.Instance) { root };
        var deadVars = new HashSet<string>();
        if (root.Result is { } r)
            deadVars.Add(r);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var op in AllOps(s))
            {
                if (dead.Contains(op) || !op.Args.Any(a => a.IsRef && a.Kind != ValueKind.Device && deadVars.Contains(a.Var!)))
                    continue;
                dead.Add(op);
                if (op.Result is { } v)
                    deadVars.Add(v);
                grew = true;
            }
        }
        return Without(s, dead, run);
    }

    /// <summary><paramref name="s"/> already lacks <paramref name="removed"/>; drop what used their results.</summary>
    private static Scenario WithoutVarsOf(Scenario s, HashSet<Op> removed, RunResult? run)
    {
        var vars = removed.Where(o => o.Result is not null).Select(o => o.Result!).ToHashSet();
        var dead = new HashSet<Op>(removed, ReferenceEqualityComparer.Instance);
        dead.UnionWith(AllOps(s).Where(o => o.Args.Any(a => a.IsRef && a.Kind != ValueKind.Device && vars.Contains(a.Var!))));
        return Without(s, dead, run);
    }
}
