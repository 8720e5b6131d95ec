using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Passes on the schedule: fewer preemptions first (none, one anywhere, keep only the first
/// runs, merge a run into its neighbours), then a shorter explicit schedule.
/// </summary>
public static partial class ShrinkPasses
{
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

    /// <summary>The first k runs of the schedule only, k ascending: every later switch is left to the fallback.</summary>
    public static IEnumerable<Scenario> KeepFirstRuns(Scenario s)
    {
        for (int k = 0; k < s.Schedule.Count; k++)
            yield return s with { Schedule = s.Schedule.Take(k).ToList() };
    }

    /// <summary>
    /// Schedules with at most one preemption (a preemption-bounded search of bound 1): the
    /// fallback order of a run with no schedule, switched to another thread at one step.
    /// Offered only while the run has more than one preemption.
    /// </summary>
    public static IEnumerable<Scenario> OnePreemption(RunResult run, Func<Scenario, RunResult> execute)
    {
        if (run.Preemptions <= 1)
            yield break;
        var s = run.Scenario;
        var fallback = execute(s with { Schedule = [] });
        yield return fallback.Scenario with { Schedule = [] };
        for (int at = 0; at < fallback.Choices.Count; at++)
            for (int t = 0; t < s.Threads.Count; t++)
                if (t != fallback.Choices[at])
                    yield return s with { Schedule = Scenario.Compress(fallback.Choices.Take(at).Append(t)) };
    }
}
