using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Shrinking;

/// <summary>
/// A named way to make a failing run's scenario smaller; it yields candidates, given the
/// failing run and a way to run another scenario (for passes that must see a run first).
/// Passes that remove ops also remove the schedule steps those ops took in the failing run,
/// so the rest of the interleaving stays as it was.
/// </summary>
public sealed record ShrinkPass(string Name, Func<RunResult, Func<Scenario, RunResult>, IEnumerable<Scenario>> Candidates);

/// <summary>
/// The passes, in the order the shrinker tries them (syzkaller's: the resource chain, then ops
/// and threads, then structure, arguments and the schedule). Each is one file's concern:
/// removal, structure (setup and threads), arguments, schedule.
/// </summary>
public static partial class ShrinkPasses
{
    public static readonly ShrinkPass[] All =
    [
        new("keep the failing op's resource chain", (r, _) => KeepResourceChain(r)),
        new("drop thread", (r, _) => DropThreads(r.Scenario, r)),
        new("drop op", (r, _) => DropOps(r.Scenario, r)),
        new("drop thread, same schedule", (r, _) => DropThreads(r.Scenario)),
        new("drop op, same schedule", (r, _) => DropOps(r.Scenario)),
        new("drop op, lowering the raw numbers above its value", (r, _) => DropOpsRenumbering(r)),
        new("merge threads", (r, _) => MergeThreads(r)),
        new("move a thread's first op into the setup", (r, _) => MoveToSetup(r)),
        new("drop fault", (r, _) => DropFaults(r.Scenario)),
        new("collapse aliases", (r, _) => CollapseAliases(r)),
        new("collapse devices", (r, _) => CollapseDevices(r.Scenario)),
        new("drop unused device", (r, _) => DropUnusedDevices(r.Scenario)),
        new("raw number to reference", (r, _) => RawToReference(r)),
        new("reference to raw number, dropping its op", (r, _) => ReferenceToRaw(r)),
        new("reference to another with the same number", (r, _) => SameNumberReference(r)),
        new("reference to an earlier one", (r, _) => EarlierReference(r.Scenario)),
        new("smaller raw number", (r, _) => SmallerRaw(r.Scenario)),
        new("no schedule, or one preemption", OnePreemption),
        new("keep the first schedule runs", (r, _) => KeepFirstRuns(r.Scenario)),
        new("drop preemption", (r, _) => DropPreemptions(r.Scenario)),
        new("shorten schedule", (r, _) => ShortenSchedule(r.Scenario)),
    ];

    /// <summary>
    /// The scenario without the given ops; faults follow their op or go with it. With the
    /// failing run at hand, the schedule loses exactly the steps the dropped ops took.
    /// </summary>
    private static Scenario Without(Scenario s, HashSet<Op> dead, RunResult? run)
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
            Schedule = run is null ? s.Schedule : Scenario.Compress(StepsWithout(run, dead)),
        };
    }

    /// <summary>The failing run's schedule choices, minus those spent in the dead ops.</summary>
    private static IEnumerable<int> StepsWithout(RunResult run, HashSet<Op> dead)
    {
        var threads = run.Scenario.Threads;
        var concurrentSteps = run.Trace.Events.Where(e => e.Kind == TraceKind.Step && e.Thread >= 0 && e.Thread < threads.Count);
        return concurrentSteps.Zip(run.Choices)
            .Where(p => !dead.Contains(threads[p.First.Thread].Ops[p.First.Op]))
            .Select(p => p.Second);
    }

    private static IEnumerable<Op> AllOps(Scenario s) => s.Setup.Concat(s.Threads.SelectMany(t => t.Ops));

    /// <summary>Every op with where it sits (thread -1 is the setup), setup first: the order "earlier" means.</summary>
    private static IEnumerable<(int Thread, int Index, Op Op)> Places(Scenario s)
        => s.Setup.Select((o, i) => (Scenario.SetupThread, i, o))
            .Concat(s.Threads.SelectMany((t, ti) => t.Ops.Select((o, i) => (ti, i, o))));
}
