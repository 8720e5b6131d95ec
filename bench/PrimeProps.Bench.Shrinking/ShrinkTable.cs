using System.Text;

namespace PrimeProps.Bench.Shrinking;

/// <summary>One table line: a driver's hunts over the seeds.</summary>
internal sealed record ShrinkLine(string Driver, IReadOnlyList<ShrinkHunt> Hunts);

/// <summary>The results as Markdown: the table, each driver's smallest repro, and what differs between drivers.</summary>
internal static class ShrinkTable
{
    public static string Format(string command, int seeds, int maxCases, IReadOnlyList<ShrinkLine> lines, IEnumerable<string> differences)
    {
        var md = new StringBuilder();
        md.AppendLine("# Shrinking: a planted sequential bug found and shrunk by three drivers").AppendLine()
          .AppendLine($"Reproduce: `{command}`").AppendLine()
          .AppendLine($"Protocol: `seed-2012` without the refill on import (`Seed2012WithoutRefill`, tests/PrimeProps.Tests/Model). "
              + $"Oracle: {PlantedBug.Target}; any other violation counts as a pass. Known minimal trigger: {PlantedBug.KnownMinimalOps} ops "
              + "(open, create, export, GEM_CLOSE, import, export). Every driver runs the same executor on the same protocol, one thread. "
              + $"{seeds} runs per driver, each capped at {maxCases} cases; medians are over the runs that found it.").AppendLine()
          .AppendLine(Stats.Machine).AppendLine()
          .AppendLine("| driver | found | cases to find, median | cases to find, max | executor runs to find, median | ms to find, median | shrunk ops, median | shrunk ops, min-max | executor runs to shrink, median | ms to shrink, median | known minimal |")
          .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var line in lines)
        {
            var found = line.Hunts.Where(h => h.Found).ToList();
            md.AppendLine(found.Count == 0
                ? $"| {line.Driver} | 0/{line.Hunts.Count} | - | - | - | - | - | - | - | - | {PlantedBug.KnownMinimalOps} |"
                : $"| {line.Driver} | {found.Count}/{line.Hunts.Count} | {Stats.Format(Stats.Median(found.Select(h => (double)h.Cases)))} | "
                  + $"{found.Max(h => h.Cases)} | {Stats.Format(Stats.Median(found.Select(h => (double)h.RunsToFind)))} | {Stats.Format(Stats.Median(found.Select(h => h.MsToFind)), "0")} | "
                  + $"{Stats.Format(Stats.Median(found.Select(h => (double)h.ShrunkOps)))} | {found.Min(h => h.ShrunkOps)}-{found.Max(h => h.ShrunkOps)} | "
                  + $"{Stats.Format(Stats.Median(found.Select(h => (double)h.RunsToShrink)))} | {Stats.Format(Stats.Median(found.Select(h => h.MsToShrink)), "0.0")} | {PlantedBug.KnownMinimalOps} |");
        }
        md.AppendLine().AppendLine("Largest shrunk repro of each driver:").AppendLine();
        foreach (var line in lines)
            if (line.Hunts.Where(h => h.Found).MaxBy(h => h.ShrunkOps) is { } worst)
                md.AppendLine($"- {line.Driver}, {worst.ShrunkOps} ops: `{worst.Repro}`");
        md.AppendLine().AppendLine("What differs between the drivers:").AppendLine();
        foreach (var d in differences)
            md.AppendLine("- " + d);
        return md.ToString();
    }
}
