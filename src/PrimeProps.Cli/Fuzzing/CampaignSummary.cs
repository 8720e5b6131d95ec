using PrimeProps.Fuzzing;
using PrimeProps.Kernel;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>Saves the triaged findings as repros and prints what the campaign came to.</summary>
internal sealed class CampaignSummary(TextWriter stdout, RegressionStore store, CampaignOptions options)
{
    public void Print(TriageReport report, int crashInputs, IReadOnlyList<string> hangs)
    {
        stdout.WriteLine($"triage: {crashInputs} crash input(s): {report.Findings.Count} distinct finding(s), "
                       + $"{report.HarnessBugs.Count} harness bug(s), {report.NotReproduced.Count} not reproduced");
        foreach (var f in report.Findings)
        {
            var (path, verdict) = store.Save(f,
                $"found by: primeprops fuzz --protocol {options.Protocol} --seed {options.Seed} ({f.Sources.Count} crash input(s), e.g. {RepoLayout.Show(f.Sources[0])})",
                $"shrunk in {f.ShrinkRuns} runs");
            stdout.WriteLine($"  {verdict.ToString().ToUpperInvariant(),-8} {f.Violation.Oracle} ({f.Violation.Oracle.Class()}) in {Function(f.Violation)}: "
                           + $"{ScenarioSize.Of(f.Shrunk)} -> {RepoLayout.Show(path)} ({f.Sources.Count} input(s))");
        }
        foreach (var bug in report.HarnessBugs)
            stdout.WriteLine($"  HARNESS BUG on {RepoLayout.Show(bug.Source)}: {bug.Message.Split('\n')[0]}\n"
                           + $"    (a bug in PrimeProps, not the kernel model's finding; check it with: dotnet <harness> {options.Protocol} < FILE)");
        foreach (var source in report.NotReproduced)
            stdout.WriteLine($"  NOT REPRODUCED {RepoLayout.Show(source)}: runs clean when replayed (AFL++ saw it crash for another reason: a timeout, memory, a signal)");
        // The executor bounds every run's steps, so an input that outlasts AFL++'s timeout points at PrimeProps itself.
        if (hangs.Count > 0)
            stdout.WriteLine($"  HANG     {hangs.Count} input(s) ran past AFL++'s timeout, e.g. {RepoLayout.Show(hangs[0])}: "
                           + "a harness performance bug (replay it with the harness to see where the time goes)");
        if (!report.FoundAnything && hangs.Count == 0)
            stdout.WriteLine($"fuzz {options.Protocol}: nothing found");
    }

    private static string Function(Violation v) => v.Function.Length > 0 ? v.Function : "(no function)";
}
