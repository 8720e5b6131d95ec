using PrimeProps.Oracles;
using PrimeProps.Execution;

namespace PrimeProps.Search;

/// <summary>
/// Patch review: a failure of the patch counts only when its scenario, run with the schedule
/// the patch's run took, does not fail the same way (<see cref="FindingIdentity"/>) on the
/// base. A base that fails differently or not at all makes it the patch's. Thread-safe, and
/// the counts do not depend on the order in which failing runs are asked about.
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

    /// <summary>The base's run of the failing run's scenario under the schedule it took.</summary>
    public RunResult OnBase(RunResult failing) => Executor.Run(failing.WithTakenSchedule(), @base(), options: options);

    /// <summary>Whether the base fails the same way; pure (counts nothing).</summary>
    public bool FailsTheSameWay(RunResult failing) => failing.Failed && SameWay(failing, OnBase(failing));

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
