using System.Text;

namespace PrimeProps.Bench.Races;

/// <summary>One table line: a tool and strategy, its hunts over the seeds, and what a find costs it.</summary>
internal sealed record RaceLine(string Tool, string Strategy, IReadOnlyList<RaceHunt> Hunts);

/// <summary>The results as Markdown.</summary>
internal static class RaceTable
{
    public static string Format(string command, int seeds, IEnumerable<RaceLine> lines, IEnumerable<string> notes)
    {
        var md = new StringBuilder();
        md.AppendLine("# Races: catalog row 1 (export vs close of the last fd) on v3.6, three ways").AppendLine()
          .AppendLine($"Reproduce: `{command}`").AppendLine()
          .AppendLine($"Target: GetOnZero (get_dma_buf on a dma-buf file whose f_count already reached 0, a use after free). {seeds} seeds per line; "
              + "\"iterations\" are schedules for PrimeProps and Coyote, and barrier-synchronised rounds of two real threads for OS threads. "
              + "Times are per hunt, until the first detection (or the cap when not found).").AppendLine()
          .AppendLine(Stats.Machine).AppendLine()
          .AppendLine("| tool | strategy | found | iterations median | iterations max | seconds median |")
          .AppendLine("|---|---|---|---|---|---|");
        foreach (var line in lines)
        {
            var h = line.Hunts;
            md.AppendLine($"| {line.Tool} | {line.Strategy} | {h.Count(x => x.Found)}/{h.Count} | "
                + $"{Iterations(Stats.Median(h.Select(x => x.IterationsToFind)), h)} | {Iterations(h.Max(x => x.IterationsToFind), h)} | "
                + $"{Stats.Format(Stats.Median(h.Select(x => x.Seconds)), "0.0000")} |");
        }
        md.AppendLine();
        foreach (var note in notes)
            md.AppendLine("- " + note);
        return md.ToString();
    }

    private static string Iterations(double value, IReadOnlyList<RaceHunt> hunts)
        => double.IsInfinity(value) ? $"not found in {hunts.Where(x => !x.Found).Max(x => x.Iterations)}" : Stats.Format(value);
}
