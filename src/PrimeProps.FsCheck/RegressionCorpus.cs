using PrimeProps.Execution;
using PrimeProps.Repro;
using PrimeProps.Scenarios;

namespace PrimeProps.FsCheck;

/// <summary>
/// fuzz-corpus/regressions/: failures kept as scenario files that replay, each with a
/// "# expect PROTOCOL: ORACLE" line. A failing property saves its repro there only when
/// PRIMEPROPS_SAVE_REGRESSIONS=1: one file per protocol and oracle, replaced only by a repro that
/// is no bigger. FsCheck fails the property again at every shrink step it takes, so the last
/// file written is the shrunk one.
/// </summary>
public static class RegressionCorpus
{
    public const string SaveVariable = "PRIMEPROPS_SAVE_REGRESSIONS";

    public static bool SaveRequested => Environment.GetEnvironmentVariable(SaveVariable) == "1";

    /// <summary>The repository around the current directory: the nearest folder up with a fuzz-corpus/ (else the current one).</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "fuzz-corpus")))
                    return dir.FullName;
            return Environment.CurrentDirectory;
        }
    }

    /// <summary>The file for a failure, relative to <see cref="Root"/>: one per protocol and oracle.</summary>
    public static string PathFor(RunResult failing) => $"fuzz-corpus/regressions/{failing.Protocol}-{failing.Violation!.Oracle}.scn";

    /// <summary>Writes the repro atomically, unless the file there holds fewer ops; true if written.</summary>
    public static bool Save(string relativePath, RunResult failing, params string[] notes)
    {
        var path = Path.Combine(Root, relativePath);
        if (File.Exists(path) && ScenarioParser.ParseFile(path).OpCount < failing.Scenario.OpCount)
            return false;
        ReproFile.WriteAtomically(path, ReproFile.Render(failing, notes));
        return true;
    }

    /// <summary>The "# expect PROTOCOL: OUTCOME" lines of a scenario file; OUTCOME is an oracle or "clean".</summary>
    public static IReadOnlyDictionary<string, string> Expectations(string path)
        => File.ReadLines(path)
            .Where(l => l.StartsWith("# expect ", StringComparison.Ordinal))
            .Select(l => l["# expect ".Length..].Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
