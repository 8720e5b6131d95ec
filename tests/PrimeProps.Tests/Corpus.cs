using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests;

/// <summary>
/// The fuzz-corpus files, copied next to the test assembly (see the .csproj). The bench links
/// this file without xunit; the xunit-facing helpers are in Corpus.Xunit.cs.
/// </summary>
internal static partial class Corpus
{
    public static string Dir(string sub) => Path.Combine(AppContext.BaseDirectory, "corpus", sub);

    public static string PathOf(string sub, string file) => Path.Combine(Dir(sub), file);

    public static Scenario Load(string sub, string file) => ScenarioParser.ParseFile(PathOf(sub, file));

    /// <summary>The .scn file names of a corpus folder, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string sub)
        => [.. Directory.GetFiles(Dir(sub), "*.scn").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    /// <summary>"# expect PROTOCOL: OUTCOME" lines of a scenario file.</summary>
    public static IReadOnlyDictionary<string, string> Expectations(string path)
        => File.ReadLines(path)
            .Where(l => l.StartsWith("# expect "))
            .Select(l => l["# expect ".Length..].Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());

    /// <summary>An outcome as the files state it: "clean", or the oracle that fired.</summary>
    public static string Outcome(RunResult run) => run.Violation?.Oracle.ToString() ?? "clean";
}
