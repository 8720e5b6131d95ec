using PrimeProps.Kernel;

namespace PrimeProps.Execution;

/// <summary>
/// The trace labels of the scheduling points taken at almost every step, made once per object
/// (or per site, per fd) instead of formatted at every step: the hot path allocates no strings.
/// The text is exactly what formatting would give, so traces and their hashes do not change.
/// </summary>
internal static class TraceLabels
{
    private static readonly Dictionary<string, string> kmallocs = new(StringComparer.Ordinal);
    private static readonly string[] fchecks = [.. Enumerable.Range(0, 64).Select(fd => $"fcheck_files(files, {fd})")];

    public static string Kmalloc(string site)
    {
        lock (kmallocs) // the cache is shared by runs on other threads (test runners run tests in parallel)
        {
            if (!kmallocs.TryGetValue(site, out var label))
                kmallocs[site] = label = $"kmalloc({site})";
            return label;
        }
    }

    public static string Fcheck(long fd) => fd is >= 0 and < 64 ? fchecks[fd] : $"fcheck_files(files, {fd})";
}
