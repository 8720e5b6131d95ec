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

    /// <summary>
    /// The project around the current directory: the nearest folder up with a fuzz-corpus/, else
    /// the nearest with .git or a solution file (a user's own repository). Null when there is
    /// none: a test runs in bin/Debug/..., where a saved file would be lost at the next clean.
    /// </summary>
    public static string? Root
        => RepositoryRoot.Above(Environment.CurrentDirectory, d => Directory.Exists(Path.Combine(d.FullName, "fuzz-corpus")))
        ?? RepositoryRoot.Above(Environment.CurrentDirectory, IsProjectRoot);

    private static bool IsProjectRoot(DirectoryInfo dir)
        => Path.Exists(Path.Combine(dir.FullName, ".git"))
        || dir.EnumerateFiles("*.sln").Any() || dir.EnumerateFiles("*.slnx").Any();

    /// <summary>The file for a failure, relative to <see cref="Root"/>: one per protocol and oracle.</summary>
    public static string PathFor(RunResult failing) => $"fuzz-corpus/regressions/{failing.Protocol}-{failing.Violation!.Oracle}.scn";

    /// <summary>Writes the repro atomically, unless the file there holds fewer ops or there is no <see cref="Root"/>; true if written.</summary>
    public static bool Save(string relativePath, RunResult failing, params string[] notes)
    {
        if (Root is not { } root)
            return false;
        var path = Path.Combine(root, relativePath);
        if (File.Exists(path) && ScenarioParser.ParseFile(path).OpCount < failing.Scenario.OpCount)
            return false;
        ReproFile.WriteAtomically(path, ReproFile.Render(failing, notes), createFolder: true);
        return true;
    }

    /// <summary>The "# expect PROTOCOL: OUTCOME" lines of a scenario file; OUTCOME is an oracle or "clean".</summary>
    public static IReadOnlyDictionary<string, string> Expectations(string path)
        => File.ReadLines(path)
            .Where(l => l.StartsWith("# expect ", StringComparison.Ordinal))
            .Select(l => l["# expect ".Length..].Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
