using System.Globalization;
using System.Text;
using PrimeProps.Shrinking;

namespace PrimeProps.Bench.Hunt;

/// <summary>One table line: a strategy's hunts for one row, and the shrunk form of its first find.</summary>
internal sealed record HuntLine(CatalogRow Row, string Strategy, IReadOnlyList<Hunt> Hunts, ScenarioSize? Shrunk);

/// <summary>The results as Markdown.</summary>
internal static class HuntTable
{
    public static string Format(string command, int seeds, IEnumerable<HuntLine> lines)
    {
        var md = new StringBuilder();
        md.AppendLine("# Bug hunt: schedules until the catalog's v3.6 violation").AppendLine()
          .AppendLine($"Reproduce: `{command}`").AppendLine()
          .AppendLine($"Protocol v3.6. Each catalog row whose v3.6 outcome is a violation, its schedule stripped. A hunt "
              + $"stops at the first run whose violation is the row's expected oracle, or after {Portfolio.MaxRuns} runs. "
              + $"Random and PCT (k = steps of the fallback run): {seeds} seeds, one hunt each; exhaustive "
              + "(preemption-bounded depth-first, a preemption = a choice other than the fallback) is deterministic: one hunt, "
              + "where \"not found in N\" below the cap means the whole bounded space was N schedules. "
              + "Shrunk: `new Shrinker(() => new V3_6()).Shrink(run)` on the first failing run (lowest seed), as ops / threads / preemptions, "
              + "next to the catalog scenario's op count (the known minimal trigger).").AppendLine()
          .AppendLine(Stats.Machine).AppendLine()
          .AppendLine("| row | v3.6 expects | strategy | found | runs median | runs max | ms median | shrunk ops / threads / preemptions | catalog ops |")
          .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var line in lines)
        {
            var hunts = line.Hunts;
            md.AppendLine(string.Join(" | ",
                $"| {line.Row.Name}", line.Row.Expected, line.Strategy,
                $"{hunts.Count(h => h.Found is not null)}/{hunts.Count}",
                RunCount(Stats.Median(hunts.Select(h => h.RunsToFind)), hunts),
                RunCount(hunts.Max(h => h.RunsToFind), hunts),
                Stats.Median(hunts.Select(h => h.Milliseconds)).ToString("0.0", CultureInfo.InvariantCulture),
                line.Shrunk is { } s ? $"{s.Ops} / {s.Threads} / {s.Preemptions}" : "-",
                $"{line.Row.Scenario.OpCount} |"));
        }
        return md.ToString();
    }

    private static string RunCount(double runs, IReadOnlyList<Hunt> hunts)
        => double.IsInfinity(runs) ? $"not found in {hunts.Where(h => h.Found is null).Max(h => h.Runs)}" : runs.ToString("0.#", CultureInfo.InvariantCulture);
}
