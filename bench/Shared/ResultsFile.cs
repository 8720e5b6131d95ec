namespace PrimeProps.Bench;

/// <summary>Where every benchmark leaves its Markdown table: bench/results/NAME.md, found from the build output upwards.</summary>
internal static class ResultsFile
{
    /// <summary>Prints the table and writes it to bench/results/<paramref name="name"/>.md.</summary>
    public static void Publish(string name, string markdown)
    {
        Console.Write(markdown);
        var results = Path.Combine(RepoRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, name + ".md"), markdown);
    }

    public static string RepoRoot() => RepositoryRoot.Require();
}
