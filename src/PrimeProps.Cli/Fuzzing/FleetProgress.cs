using System.Globalization;
using System.Text.RegularExpressions;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// What the fleet has done: live from StatsD for the status line, from the files AFL++ leaves
/// (fuzzer_stats, crash file names) for the summary.
/// </summary>
internal static partial class FleetProgress
{
    public static string StatusLine(TimeSpan elapsed, IReadOnlyList<InstanceStats> instances)
    {
        if (instances.Count == 0)
            return $"[{elapsed:m\\:ss}] starting AFL++ (calibrating the seeds)";
        return $"[{elapsed:m\\:ss}] {N(instances.Sum(i => i.ExecsDone))} execs, {N((long)instances.Sum(i => i.ExecsPerSec))}/s, "
             + $"{N(instances.Sum(i => i.Paths))} paths, {N(instances.Sum(i => i.Crashes))} crashes, {N(instances.Sum(i => i.Hangs))} hangs";
    }

    /// <summary>The summary line from each instance's fuzzer_stats (written when it stops), or null if none wrote one.</summary>
    public static string? Summary(string findingsDir, IEnumerable<string> instances)
    {
        var stats = instances.Select(name => Path.Combine(findingsDir, name, "fuzzer_stats")).Where(File.Exists).Select(ReadStats).ToList();
        if (stats.Count == 0)
            return null;
        long Sum(string key) => stats.Sum(s => (long)s.GetValueOrDefault(key));
        long execs = Sum("execs_done"), seconds = Math.Max(1, (long)stats.Max(s => s.GetValueOrDefault("run_time")));
        return $"{N(execs)} execs in {seconds} s ({N(execs / seconds)}/s), {N(Sum("corpus_count"))} paths, "
             + $"{N(Sum("saved_crashes"))} crashes, {N(Sum("saved_hangs"))} hangs";
    }

    /// <summary>"key : value" lines; the numeric ones.</summary>
    private static Dictionary<string, double> ReadStats(string path)
    {
        var values = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && double.TryParse(parts[1].Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                values[parts[0].Trim()] = v;
        }
        return values;
    }

    /// <summary>
    /// Every crash input the instances saved, oldest first within each instance: in crashes/,
    /// and in the crashes.DATE/ folders into which AFL++ moves earlier sessions' on a resume.
    /// </summary>
    public static IReadOnlyList<string> CrashFiles(string findingsDir, IEnumerable<string> instances)
        => SavedInputs(findingsDir, instances, "crashes");

    /// <summary>The inputs that ran past the timeout (hangs/, hangs.DATE/).</summary>
    public static IReadOnlyList<string> HangFiles(string findingsDir, IEnumerable<string> instances)
        => SavedInputs(findingsDir, instances, "hangs");

    private static List<string> SavedInputs(string findingsDir, IEnumerable<string> instances, string kind)
        => instances.Select(name => Path.Combine(findingsDir, name)).Where(Directory.Exists)
            .SelectMany(dir => Directory.GetDirectories(dir, kind + "*").Order(StringComparer.Ordinal))
            .SelectMany(dir => Directory.GetFiles(dir, "id:*").Order(StringComparer.Ordinal)).ToList();

    /// <summary>The executions an instance's earlier sessions did (AFL++ counts -E from there on a resume).</summary>
    public static long ExecsDone(string findingsDir, string instance)
    {
        var path = Path.Combine(findingsDir, instance, "fuzzer_stats");
        return File.Exists(path) ? (long)ReadStats(path).GetValueOrDefault("execs_done") : 0;
    }

    /// <summary>"first crash after 0.9 s (1,785 execs)", from the time: and execs: fields AFL++ puts in crash file names.</summary>
    public static string? FirstCrash(IEnumerable<string> crashFiles)
    {
        var crashes = crashFiles.Select(f => CrashName().Match(Path.GetFileName(f))).Where(m => m.Success)
            .Select(m => (Ms: long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Execs: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .OrderBy(c => c.Ms).ToList();
        return crashes.Count == 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"first crash after {crashes[0].Ms / 1000.0:0.0} s ({N(crashes[0].Execs)} execs)");
    }

    [GeneratedRegex(@",time:(\d+),execs:(\d+)")]
    private static partial Regex CrashName();

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
