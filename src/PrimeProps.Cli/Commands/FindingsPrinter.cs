using PrimeProps.Kernel;
using PrimeProps.Repro;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Commands;

/// <summary>check's findings: one per identity (oracle and kernel function), each saved as a repro file named by its identity.</summary>
internal static class FindingsPrinter
{
    /// <summary>findings/PROTOCOL-ORACLE-FUNCTION.scn: two bugs never share a file, whatever their oracle.</summary>
    public static string ReproPath(string outDir, string protocol, Finding f)
        => Path.Combine(outDir, $"{protocol}-{f.Identity.FileStem}.scn");

    /// <summary>The command that repeats this check exactly (the scenarios actually run, the shard).</summary>
    public static string Command(CheckReport report, CheckOptions options, string loadArgs, BaseComparison? comparison)
        => $"primeprops check{loadArgs} --protocol {report.Protocol} --seed {options.Seed} --scenarios {report.IndexLimit}" +
           (options.Generator.MaxThreads == new GeneratorOptions().MaxThreads ? "" : $" --threads {options.Generator.MaxThreads}") +
           (options.Schedules.Budget == new PortfolioOptions().Budget ? "" : $" --schedules {options.Schedules.Budget}") +
           (comparison is null ? "" : $" --base {comparison.BaseName}") +
           (report.Shard == Shard.Whole ? "" : $" --shard {report.Shard}");

    public static void PrintCounts(TextWriter stdout, CheckReport report)
    {
        if (report.Clean)
            return;
        stdout.WriteLine($"  findings by identity (scenarios failing that way, under at least one schedule):");
        foreach (var f in report.Findings)
            stdout.WriteLine($"    {f.Identity}: {f.Scenarios} scenario(s), first scenario {f.ScenarioIndex} ({f.Strategy})");
    }

    public static void Print(TextWriter stdout, CheckReport report, CheckOptions options, string outDir, string loadArgs, BaseComparison? comparison)
    {
        foreach (var f in report.Findings)
        {
            var path = ReproPath(outDir, report.Protocol, f);
            var text = ReproFile.Render(f.Shrunk,
                $"found by: {Command(report, options, loadArgs, comparison)} (scenario {f.ScenarioIndex}, {f.Strategy} schedule)",
                $"replay:   primeprops replay {path}{loadArgs} --protocol {report.Protocol}");
            ReproFile.WriteAtomically(path, text, createFolder: true);
            stdout.WriteLine();
            stdout.WriteLine($"  FAIL {f.Identity} ({f.Violation.Oracle.Class()}), scenario {f.ScenarioIndex}, {f.Scenarios} scenario(s) in all:");
            stdout.WriteLine($"    {f.Violation}");
            if (comparison is not null)
                stdout.WriteLine($"    on {comparison.BaseName}, the same scenario and schedule: {comparison.OnBase(f.Shrunk).Violation?.ToString() ?? "clean"}; no neighbouring schedule fails that way");
            string from = f.ShrunkFrom.ScenarioIndex == f.ScenarioIndex ? "" : $" (the smallest shrink of its first failing scenarios: scenario {f.ShrunkFrom.ScenarioIndex}'s {ScenarioSize.Of(f.ShrunkFrom.Run)})";
            stdout.WriteLine($"    shrunk from {ScenarioSize.Of(f.Found)} to {ScenarioSize.Of(f.Shrunk)}{from} in {f.ShrinkRuns} runs; saved to {path}");
            foreach (var line in text.TrimEnd().Split('\n'))
                stdout.WriteLine($"    | {line}");
            stdout.WriteLine("    trace of the repro:");
            foreach (var line in TraceFormatter.Format(f.Shrunk).TrimEnd().Split('\n'))
                stdout.WriteLine($"    {line}");
        }
    }
}
