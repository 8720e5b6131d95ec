using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Tracing;

namespace PrimeProps.Search;

/// <summary>
/// What a batch of runs exercised: which pairs of calls were ever in flight at once (a race
/// can only happen between calls that overlapped), which error results each call returned,
/// which allocation faults fired, per op kind how often calls with good input succeeded
/// (<see cref="OpStatistics"/>), and which named <see cref="Situations"/> runs reached.
/// Shown with every check result.
/// </summary>
public sealed class Coverage
{
    private readonly SortedDictionary<string, int> overlaps = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> results = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> faults = new(StringComparer.Ordinal);

    private readonly SortedDictionary<string, int> situations = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Overlaps => overlaps;
    public IReadOnlyDictionary<string, int> Results => results;
    public IReadOnlyDictionary<string, int> Faults => faults;
    public OpStatistics Ops { get; } = new();
    /// <summary>Runs that reached each named situation (see <see cref="Situations.All"/>).</summary>
    public IReadOnlyDictionary<string, int> SituationsReached => situations;

    public void Add(RunResult run) => Add(run, new TypedScenario(run.Scenario));

    /// <summary>Adds a run of the scenario <paramref name="typed"/> reads (typed once for all runs of one scenario).</summary>
    public void Add(RunResult run, TypedScenario typed)
    {
        Ops.Add(run, typed);
        foreach (var s in Situations.Reached(run, typed))
            Count(situations, s);
        var calls = run.History;
        for (int i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            Count(results, ResultKey(c.Kind, c.Result));
            for (int j = i + 1; j < calls.Count; j++)
            {
                var d = calls[j];
                if (c.Thread != d.Thread && c.Invoked < d.Returned && d.Invoked < c.Returned)
                    Count(overlaps, Pair(c.Kind, d.Kind));
            }
        }
        foreach (var e in run.Trace.Events)
            if (e.Kind == TraceKind.Fault)
                Count(faults, e.Action);
    }

    /// <summary>Adds another batch's counts (runs split over workers add up to the same coverage).</summary>
    public void Merge(Coverage other)
    {
        foreach (var (mine, theirs) in new[] { (overlaps, other.overlaps), (results, other.results), (faults, other.faults), (situations, other.situations) })
            foreach (var (k, n) in theirs)
                mine[k] = mine.GetValueOrDefault(k) + n;
        Ops.Merge(other.Ops);
    }

    /// <summary>Named situations no run reached.</summary>
    public IEnumerable<string> NeverReached() => Situations.All.Select(s => s.Name).Where(n => !situations.ContainsKey(n));

    // Keys made once per process: Add runs for every run of every scenario, and formatting them
    // there was a tenth of what `check` allocated.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(OpKind, long), string> resultKeys = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(OpKind, OpKind), string> pairKeys = new();

    private static string ResultKey(OpKind kind, long result)
        => resultKeys.GetOrAdd((kind, Math.Min(result, 0)), k => $"{OpSpec.Of(k.Item1).Name} {(k.Item2 < 0 ? Errno.Format(k.Item2) : "ok")}");

    private static string Pair(OpKind a, OpKind b) => pairKeys.GetOrAdd((a, b), k => PairText(k.Item1, k.Item2));

    private static string PairText(OpKind a, OpKind b)
    {
        var (x, y) = (OpSpec.Of(a).Name, OpSpec.Of(b).Name);
        return string.CompareOrdinal(x, y) <= 0 ? $"{x} || {y}" : $"{y} || {x}";
    }

    private static void Count(SortedDictionary<string, int> table, string key)
        => table[key] = table.GetValueOrDefault(key) + 1;

    /// <summary>Pairs of calls that never overlapped, out of every pair of call kinds.</summary>
    public IEnumerable<string> NeverOverlapped()
    {
        var names = OpSpec.All.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        for (int i = 0; i < names.Count; i++)
            for (int j = i; j < names.Count; j++)
                if (!overlaps.ContainsKey($"{names[i]} || {names[j]}"))
                    yield return $"{names[i]} || {names[j]}";
    }
}
