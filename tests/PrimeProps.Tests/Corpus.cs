using PrimeProps.Scenarios;

namespace PrimeProps.Tests;

/// <summary>The fuzz-corpus files, copied next to the test assembly (see the .csproj).</summary>
internal static class Corpus
{
    public static string Dir(string sub) => Path.Combine(AppContext.BaseDirectory, "corpus", sub);

    public static string PathOf(string sub, string file) => Path.Combine(Dir(sub), file);

    public static Scenario Load(string sub, string file) => ScenarioParser.ParseFile(PathOf(sub, file));

    /// <summary>"# expect PROTOCOL: OUTCOME" lines of a scenario file.</summary>
    public static IReadOnlyDictionary<string, string> Expectations(string path)
        => File.ReadLines(path)
            .Where(l => l.StartsWith("# expect "))
            .Select(l => l["# expect ".Length..].Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
