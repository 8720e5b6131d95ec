using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>A named way to make a scenario smaller; it yields candidates, smallest first where it can.</summary>
public sealed record ShrinkPass(string Name, Func<Scenario, IEnumerable<Scenario>> Candidates);

public static class ShrinkPasses
{
    public static readonly ShrinkPass[] All =
    [
        new("drop thread", DropThreads),
        new("drop op", DropOps),
        new("drop fault", DropFaults),
        new("shorten schedule", ShortenSchedule),
        new("drop preemption", DropPreemptions),
    ];

    public static IEnumerable<Scenario> DropThreads(Scenario s)
    {
        for (int t = s.Threads.Count - 1; t >= 0; t--)
        {
            int gone = t;
            var threads = s.Threads.Where((_, i) => i != gone).ToList();
            var schedule = s.Schedule.Where(r => r.Thread != gone)
                .Select(r => r with { Thread = r.Thread > gone ? r.Thread - 1 : r.Thread }).ToList();
            var faults = s.Faults.Where(f => f.Thread != gone)
                .Select(f => f with { Thread = f.Thread > gone ? f.Thread - 1 : f.Thread }).ToList();
            yield return WithoutVarsOf(s with { Threads = threads, Schedule = schedule, Faults = faults }, s.Threads[gone].Ops);
        }
    }

    /// <summary>Each op, last first, together with every op that (transitively) uses its result.</summary>
    public static IEnumerable<Scenario> DropOps(Scenario s)
    {
        var places = new List<(int Thread, int Op)>();
        for (int t = s.Threads.Count - 1; t >= 0; t--)
            for (int i = s.Threads[t].Ops.Count - 1; i >= 0; i--)
                places.Add((t, i));
        for (int i = s.Setup.Count - 1; i >= 0; i--)
            places.Add((Scenario.SetupThread, i));
        foreach (var (t, i) in places)
            yield return RemoveWithDependents(s, s.OpsOf(t)[i]);
    }

    public static IEnumerable<Scenario> DropFaults(Scenario s)
        => s.Faults.Select((_, i) => s with { Faults = s.Faults.Where((_, j) => j != i).ToList() });

    /// <summary>Halve, then trim one step off the end: the fallback schedules what is cut.</summary>
    public static IEnumerable<Scenario> ShortenSchedule(Scenario s)
    {
        var steps = s.ScheduleSteps().ToList();
        for (int keep = steps.Count / 2; keep < steps.Count; keep = keep + Math.Max(1, (steps.Count - keep) / 2))
            yield return s with { Schedule = Scenario.Compress(steps.Take(keep)) };
    }

    /// <summary>Merge a run into its neighbour of the same thread by dropping the run between them.</summary>
    public static IEnumerable<Scenario> DropPreemptions(Scenario s)
    {
        for (int i = 0; i < s.Schedule.Count; i++)
        {
            int gone = i;
            yield return s with { Schedule = Scenario.Compress(s.Schedule.Where((_, j) => j != gone).SelectMany(r => Enumerable.Repeat(r.Thread, r.Count))) };
        }
    }

    private static Scenario RemoveWithDependents(Scenario s, Op root)
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
        return Without(s, dead);
    }

    private static Scenario WithoutVarsOf(Scenario s, IEnumerable<Op> removed)
    {
        var vars = removed.Where(o => o.Result is not null).Select(o => o.Result!).ToHashSet();
        var dead = AllOps(s).Where(o => o.Args.Any(a => a.IsRef && a.Kind != ValueKind.Device && vars.Contains(a.Var!)));
        return Without(s, new HashSet<Op>(dead, ReferenceEqualityComparer.Instance));
    }

    /// <summary>The scenario without the given ops; faults follow their op or go with it.</summary>
    private static Scenario Without(Scenario s, HashSet<Op> dead)
    {
        var faults = new List<Fault>();
        foreach (var f in s.Faults)
        {
            var ops = s.OpsOf(f.Thread);
            if (f.Op >= ops.Count || dead.Contains(ops[f.Op]))
                continue;
            faults.Add(f with { Op = ops.Take(f.Op).Count(o => !dead.Contains(o)) });
        }
        return s with
        {
            Setup = s.Setup.Where(o => !dead.Contains(o)).ToList(),
            Threads = s.Threads.Select(t => t with { Ops = t.Ops.Where(o => !dead.Contains(o)).ToList() }).ToList(),
            Faults = faults,
        };
    }

    private static IEnumerable<Op> AllOps(Scenario s) => s.Setup.Concat(s.Threads.SelectMany(t => t.Ops));
}
