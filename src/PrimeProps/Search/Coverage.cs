using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// What a batch of runs exercised: which pairs of calls were ever in flight at once (a race
/// can only happen between calls that overlapped), which error results each call returned,
/// and which allocation faults fired. Shown with every check result.
/// </summary>
public sealed class Coverage
{
    private readonly SortedDictionary<string, int> overlaps = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> results = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> faults = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Overlaps => overlaps;
    public IReadOnlyDictionary<string, int> Results => results;
    public IReadOnlyDictionary<string, int> Faults => faults;

    public void Add(RunResult run)
    {
        var calls = run.History;
        for (int i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            Count(results, $"{OpSpec.Of(c.Kind).Name} {(c.Result < 0 ? Errno.Format(c.Result) : "ok")}");
            for (int j = i + 1; j < calls.Count; j++)
            {
                var d = calls[j];
                if (c.Thread != d.Thread && c.Invoked < d.Returned && d.Invoked < c.Returned)
                    Count(overlaps, Pair(c.Kind, d.Kind));
            }
        }
        foreach (var e in run.Trace.Events.Where(e => e.Kind == TraceKind.Fault))
            Count(faults, e.Action);
    }

    private static string Pair(OpKind a, OpKind b)
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
