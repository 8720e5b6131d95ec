using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Passes on where ops run: a thread's first op moved into the setup (it then happens before
/// every thread, which keeps its program order), two threads merged into one.
/// </summary>
public static partial class ShrinkPasses
{
    /// <summary>Each thread's first op, last thread first, appended to the setup; the schedule loses that op's steps.</summary>
    public static IEnumerable<Scenario> MoveToSetup(RunResult run)
    {
        var s = run.Scenario;
        for (int t = s.Threads.Count - 1; t >= 0; t--)
        {
            if (s.Threads[t].Ops.Count == 0)
                continue;
            int from = t;
            var first = s.Threads[t].Ops[0];
            var faults = s.Faults.Select(f => f.Thread != from ? f
                : f.Op == 0 ? new Fault(Scenario.SetupThread, s.Setup.Count, f.Site) : f with { Op = f.Op - 1 }).ToList();
            yield return s with
            {
                Setup = [.. s.Setup, first],
                Threads = s.Threads.Select((d, i) => i == from ? d with { Ops = d.Ops.Skip(1).ToList() } : d).ToList(),
                Faults = faults,
                Schedule = Scenario.Compress(StepsWithout(run, new HashSet<Op>([first], ReferenceEqualityComparer.Instance))),
            };
        }
    }

    /// <summary>
    /// Thread j's ops appended to thread i's (i &lt; j), the later pair first: once with j's
    /// schedule steps given to i (the same steps in the same places), once with them dropped.
    /// </summary>
    public static IEnumerable<Scenario> MergeThreads(RunResult run)
    {
        var s = run.Scenario;
        for (int j = s.Threads.Count - 1; j >= 1; j--)
            for (int i = j - 1; i >= 0; i--)
            {
                int into = i, gone = j, offset = s.Threads[i].Ops.Count;
                int Renumber(int t) => t == gone ? into : t > gone ? t - 1 : t;
                var threads = s.Threads.Where((_, k) => k != gone)
                    .Select((d, k) => k == into ? d with { Ops = [.. d.Ops, .. s.Threads[gone].Ops] } : d).ToList();
                var faults = s.Faults.Select(f => f.Thread == gone ? new Fault(into, offset + f.Op, f.Site)
                    : f.Thread > gone ? f with { Thread = f.Thread - 1 } : f).ToList();
                var merged = s with { Threads = threads, Faults = faults };
                yield return merged with { Schedule = Scenario.Compress(run.Choices.Select(Renumber)) };
                yield return merged with { Schedule = Scenario.Compress(run.Choices.Where(t => t != gone).Select(Renumber)) };
            }
    }
}
