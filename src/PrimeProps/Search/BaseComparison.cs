using PrimeProps.Oracles;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// Patch review: a failure of the patch counts only when the base, on the same scenario, does
/// not fail the same way (<see cref="FindingIdentity"/>) under the schedule the patch's run
/// took, nor under that schedule with one of its first <see cref="MaxSwitchesMoved"/> switches
/// moved by up to <see cref="Shift"/> steps. The neighbours matter because a schedule is a
/// list of steps and a patch that adds or drops a step moves every later switch: `modern`'s own window (an -ENOSPC for a reserved handle
/// slot), reached by the patch at step 17 and by `modern` at step 18, once counted as the
/// patch's bug. A base that fails differently or not at all makes it the patch's.
/// Thread-safe, and the counts do not depend on the order in which failing runs are asked about.
/// </summary>
public sealed class BaseComparison(Func<LinuxKernel> @base, RunOptions? options = null)
{
    private readonly Dictionary<FindingIdentity, int> dropped = [];

    public string BaseName { get; } = @base().Name;

    /// <summary>Failures dropped so far as shared with the base, per identity.</summary>
    public IReadOnlyDictionary<FindingIdentity, int> Dropped
    {
        get { lock (dropped) return new Dictionary<FindingIdentity, int>(dropped); }
    }

    public int DroppedTotal
    {
        get { lock (dropped) return dropped.Values.Sum(); }
    }

    /// <summary>How far (in scheduling steps) each switch of the patch's schedule is moved when the base is tried.</summary>
    public const int Shift = 3;

    /// <summary>
    /// How many switches are moved, first ones first: a shrunk or PCT schedule has a few, a
    /// random one dozens, and each moved switch costs 2 x <see cref="Shift"/> runs of the base.
    /// </summary>
    public const int MaxSwitchesMoved = 8;

    /// <summary>The base's run of the failing run's scenario under the schedule it took.</summary>
    public RunResult OnBase(RunResult failing) => Executor.Run(failing.WithTakenSchedule(), @base(), options: options);

    /// <summary>
    /// The base's first run that fails the way <paramref name="failing"/> does, under the
    /// patch's schedule or a neighbour of it; null if none.
    /// </summary>
    public RunResult? SameFailureOnBase(RunResult failing)
    {
        if (!failing.Failed)
            return null;
        var taken = failing.WithTakenSchedule();
        foreach (var schedule in Neighbours(taken.Schedule).Prepend(taken.Schedule))
        {
            var run = Executor.Run(taken with { Schedule = schedule }, @base(), options: options);
            if (SameWay(failing, run))
                return run;
        }
        return null;
    }

    /// <summary>Whether the base fails the same way; pure (counts nothing).</summary>
    public bool FailsTheSameWay(RunResult failing) => SameFailureOnBase(failing) is not null;

    /// <summary>The schedule with one switch (the end of one run of steps) moved by 1 to <see cref="Shift"/> steps either way.</summary>
    public static IEnumerable<IReadOnlyList<ScheduleRun>> Neighbours(IReadOnlyList<ScheduleRun> schedule)
    {
        for (int j = 0; j < Math.Min(schedule.Count, MaxSwitchesMoved); j++)
            for (int d = 1; d <= Shift; d++)
                foreach (int delta in new[] { -d, d })
                {
                    int count = schedule[j].Count + delta;
                    int next = j + 1 < schedule.Count ? schedule[j + 1].Count - delta : 1;
                    if (count < 1 || next < 1)
                        continue;
                    var moved = schedule.ToList();
                    moved[j] = moved[j] with { Count = count };
                    if (j + 1 < schedule.Count)
                        moved[j + 1] = moved[j + 1] with { Count = next };
                    yield return moved;
                }
    }

    /// <summary>Whether two runs failed with one identity.</summary>
    public static bool SameWay(RunResult patch, RunResult onBase)
        => patch.Violation is { } v && onBase.Violation is { } b && FindingIdentity.Of(v) == FindingIdentity.Of(b);

    /// <summary>
    /// For a search: call it on every failing run of the patch; true (and counted as dropped)
    /// when the failure is shared with the base, so the search skips it.
    /// </summary>
    public bool IsShared(RunResult failing)
    {
        if (!FailsTheSameWay(failing))
            return false;
        var identity = FindingIdentity.Of(failing.Violation!);
        lock (dropped)
            dropped[identity] = dropped.GetValueOrDefault(identity) + 1;
        return true;
    }

    /// <summary>One line for a summary: how many failures were dropped, per identity.</summary>
    public string Summary()
    {
        var counts = Dropped;
        return counts.Count == 0
            ? $"no failure shared with {BaseName}"
            : $"{counts.Values.Sum()} failure(s) dropped as shared with {BaseName}: "
              + string.Join(", ", counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}x"));
    }
}
