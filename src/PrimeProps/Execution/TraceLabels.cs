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

    // An op's text, made once per op (ops are immutable and shared by every run of a scenario).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenarios.Op, string> ops = new();

    public static string Of(Scenarios.Op op) => ops.GetValue(op, Scenarios.ScenarioPrinter.PrintOp);

    public static string Fcheck(long fd) => fd is >= 0 and < 64 ? fchecks[fd] : $"fcheck_files(files, {fd})";
}
