namespace PrimeProps.Properties;

/// <summary>The fuzz-corpus scenario files, copied next to this assembly (see the .csproj).</summary>
internal static class CorpusFiles
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <param name="relative">A path inside fuzz-corpus/, e.g. "catalog/row1-export-vs-last-fd-close.scn".</param>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The .scn files of a corpus folder as paths inside fuzz-corpus/, in ordinal order; none when the folder does not exist.</summary>
    public static IEnumerable<string> In(string folder)
    {
        var dir = Path.Combine(Root, folder);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.scn").Select(f => $"{folder}/{Path.GetFileName(f)}").Order(StringComparer.Ordinal)
            : [];
    }

    public static Scenario Load(string relative) => ScenarioParser.ParseFile(PathOf(relative));
}
