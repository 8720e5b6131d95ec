using PrimeProps.Kernel;

namespace PrimeProps.Execution;

/// <summary>
/// The trace labels of the scheduling points taken at almost every step, made once per object
/// (or per site, per fd) instead of formatted at every step: the hot path allocates no strings.
/// The text is exactly what formatting would give, so traces and their hashes do not change.
/// </summary>
internal static class TraceLabels
{
    // Read by every worker at almost every allocation: a lock here was contended enough that
    // two jobs ran barely faster than one. Lookups of a ConcurrentDictionary take no lock.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> kmallocs = new(StringComparer.Ordinal);
    private static readonly string[] fchecks = [.. Enumerable.Range(0, 64).Select(fd => $"fcheck_files(files, {fd})")];

    public static string Kmalloc(string site) => kmallocs.TryGetValue(site, out var label) ? label : kmallocs.GetOrAdd(site, s => $"kmalloc({s})");

    // The text of every op of the scenario this OS thread ran last: runs come in series of one
    // scenario (a portfolio, a shrink), and formatting each op at each run was a tenth of what
    // a check allocated. (A ConditionalWeakTable per op was tried: its dependent handles made
    // every collection slower, and fuzzing, which decodes a new scenario per exec, 3x slower.)
    [ThreadStatic] private static Scenarios.Scenario? labelled;
    [ThreadStatic] private static Dictionary<Scenarios.Op, string>? labels;

    /// <summary>Op (by reference) to its text, for every op of <paramref name="scenario"/>; valid until this thread asks for another scenario's.</summary>
    public static IReadOnlyDictionary<Scenarios.Op, string> OpsOf(Scenarios.Scenario scenario)
    {
        labels ??= new Dictionary<Scenarios.Op, string>(ReferenceEqualityComparer.Instance);
        if (!ReferenceEquals(labelled, scenario))
        {
            labels.Clear();
            foreach (var op in scenario.Setup)
                labels.TryAdd(op, Scenarios.ScenarioPrinter.PrintOp(op));
            foreach (var t in scenario.Threads)
                foreach (var op in t.Ops)
                    labels.TryAdd(op, Scenarios.ScenarioPrinter.PrintOp(op));
            labelled = scenario;
        }
        return labels;
    }

    public static string Fcheck(long fd) => fd is >= 0 and < 64 ? fchecks[fd] : $"fcheck_files(files, {fd})";
}
