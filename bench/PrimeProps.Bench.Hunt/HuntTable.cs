using System.Globalization;
using System.Text;
using PrimeProps.Shrinking;

namespace PrimeProps.Bench.Hunt;

/// <summary>One table line: a strategy's hunts for one row.</summary>
internal sealed record HuntLine(CatalogRow Row, string Strategy, IReadOnlyList<Hunt> Hunts);

/// <summary>One row's noisy failures (one per seed) and what each shrank to.</summary>
internal sealed record ShrinkLine(CatalogRow Row, IReadOnlyList<NoisyShrink> Shrinks);

/// <summary>The results as Markdown.</summary>
internal static class HuntTable
{
    public static string Format(string command, int seeds, IEnumerable<HuntLine> lines, IEnumerable<ShrinkLine> shrinks)
    {
        var md = new StringBuilder();
        md.AppendLine("# Bug hunt: schedules until the catalog's v3.6 violation").AppendLine()
          .AppendLine($"Reproduce: `{command}`").AppendLine()
          .AppendLine($"Protocol v3.6. Each catalog row whose v3.6 outcome is a violation, its schedule stripped. A hunt "
              + $"stops at the first run whose violation is the row's expected oracle, or after {Portfolio.MaxRuns} runs. "
              + $"Random and PCT (k = steps of the fallback run): {seeds} seeds, one hunt each; exhaustive "
              + "(preemption-bounded depth-first, a preemption = a choice other than the fallback) is deterministic: one hunt, "
              + "where \"not found in N\" below the cap means the whole bounded space was N schedules. "
              + "These hunts start from the catalog's minimal scenarios; what a shrink achieves is measured below, from noisy failures.").AppendLine()
          .AppendLine(Stats.Machine).AppendLine()
          .AppendLine("| row | v3.6 expects | strategy | found | runs median | runs max | ms median |")
          .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var line in lines)
        {
            var hunts = line.Hunts;
            md.AppendLine(string.Join(" | ",
                $"| {line.Row.Name}", line.Row.Expected, line.Strategy,
                $"{hunts.Count(h => h.Found is not null)}/{hunts.Count}",
                RunCount(Stats.Median(hunts.Select(h => h.RunsToFind)), hunts),
                RunCount(hunts.Max(h => h.RunsToFind), hunts),
                $"{Stats.Median(hunts.Select(h => h.Milliseconds)).ToString("0.0", CultureInfo.InvariantCulture)} |"));
        }
        md.AppendLine().AppendLine("## Shrinking from noisy failures").AppendLine()
          .AppendLine($"Per row and seed 1-{seeds}: the catalog scenario with a generated scenario's ops mixed in (`NoisyFailure.cs`: up to 4 "
              + "more ops per thread and a generated setup, on the row's device, before the row's own ops), random schedules until the "
              + $"row's oracle fires (at most {Portfolio.MaxRuns} runs; noise that masks the bug counts as not found), then "
              + "`new Shrinker(() => new V3_6()).Shrink(run)`. Ops are counted over the setup and every thread.").AppendLine()
          .AppendLine("| row | v3.6 expects | noisy failures found | noisy ops, median | shrunk ops, median | shrunk ops, min-max | shrunk threads, median | catalog ops | executor runs to shrink, median | ms to shrink, median |")
          .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var line in shrinks)
        {
            var found = line.Shrinks.Where(s => s.Found).ToList();
            md.AppendLine(found.Count == 0
                ? $"| {line.Row.Name} | {line.Row.Expected} | 0/{line.Shrinks.Count} | - | - | - | - | {line.Row.Scenario.OpCount} | - | - |"
                : $"| {line.Row.Name} | {line.Row.Expected} | {found.Count}/{line.Shrinks.Count} | {Stats.Format(Stats.Median(found.Select(s => (double)s.NoisyOps)))} | "
                  + $"{Stats.Format(Stats.Median(found.Select(s => (double)s.Shrunk!.Value.Ops)))} | {found.Min(s => s.Shrunk!.Value.Ops)}-{found.Max(s => s.Shrunk!.Value.Ops)} | "
                  + $"{Stats.Format(Stats.Median(found.Select(s => (double)s.Shrunk!.Value.Threads)))} | {line.Row.Scenario.OpCount} | "
                  + $"{Stats.Format(Stats.Median(found.Select(s => (double)s.ShrinkRuns)))} | {Stats.Format(Stats.Median(found.Select(s => s.ShrinkMs)), "0.0")} |");
        }
        return md.ToString();
    }

    private static string RunCount(double runs, IReadOnlyList<Hunt> hunts)
        => double.IsInfinity(runs) ? $"not found in {hunts.Where(h => h.Found is null).Max(h => h.Runs)}" : runs.ToString("0.#", CultureInfo.InvariantCulture);
}
