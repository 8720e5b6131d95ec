using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Repro;
using PrimeProps.Scenarios;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// The minimal repros under fuzz-corpus/regressions, one per protocol, oracle and kernel
/// function (<see cref="TriagedFinding.FileStem"/>). A repro already there is kept unless the
/// new one is smaller or the old one no longer fails the same way; an unreadable one is named
/// in a warning and replaced. Writes are atomic (temp file + rename).
/// </summary>
internal sealed class RegressionStore(string dir, string protocol, TextWriter warnings, ProtocolCatalog? catalog = null, string loadArgs = "")
{
    public enum Verdict { New, Known, Smaller, Replaced }

    /// <summary>Names every repro of this protocol that does not parse, before a campaign spends time.</summary>
    public void WarnAboutUnreadable()
    {
        foreach (var file in Files())
            if (Read(file, out var error) is null)
                warnings.WriteLine($"warning: regression {RepoLayout.Show(file)} is unreadable ({error}); a repro of the same bug found now replaces it");
    }

    /// <summary>Keeps <paramref name="finding"/> as a repro file, or finds it there already.</summary>
    public (string Path, Verdict Verdict) Save(TriagedFinding finding, params string[] notes)
    {
        var path = Path.Combine(dir, finding.FileStem + ".scn");
        var verdict = Compare(path, finding);
        if (verdict != Verdict.Known)
            ReproFile.WriteAtomically(path, ReproFile.Render(finding.Shrunk, [.. notes, $"replay:   primeprops replay {RepoLayout.Show(path)} {loadArgs} --protocol {protocol}"]), createFolder: true);
        return (path, verdict);
    }

    private Verdict Compare(string path, TriagedFinding finding)
    {
        if (!File.Exists(path))
            return Verdict.New;
        if (Read(path, out _) is not { } old)
            return Verdict.Replaced;
        var run = Executor.Run(old, (catalog ?? ProtocolCatalog.BuiltIn).TryCreate(protocol)!);
        if (run.Violation?.Oracle != finding.Violation.Oracle)
            return Verdict.Replaced;
        return ScenarioSize.Of(finding.Shrunk) < ScenarioSize.Of(run) ? Verdict.Smaller : Verdict.Known;
    }

    private static Scenario? Read(string path, out string error)
    {
        error = "";
        try
        {
            return ScenarioParser.ParseFile(path);
        }
        catch (ScenarioParseException e)
        {
            error = $"line {e.Line}: {e.Reason}";
            return null;
        }
    }

    private IEnumerable<string> Files()
        => Directory.Exists(dir)
            ? Directory.GetFiles(dir, protocol + "-*.scn").Order(StringComparer.Ordinal)
            : [];
}
