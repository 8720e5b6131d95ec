using PrimeProps.Fuzzing;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>Where the fuzzing inputs, outputs and caches live in the repository.</summary>
internal sealed record RepoLayout(string Root)
{
    /// <summary>The repository above the current directory, else above this program (a build inside it).</summary>
    public static RepoLayout Find()
        => new(RepositoryRoot.Find() ?? throw new UsageException(
            $"cannot find the PrimeProps repository ({RepositoryRoot.Marker}) above {Environment.CurrentDirectory}: run this from inside it"));

    public string Catalog => Path.Combine(Root, "fuzz-corpus", "catalog");

    /// <summary>The committed seeds of one protocol in one input format: byte-codec inputs in seeds/, generator tapes in choices/.</summary>
    public string Seeds(string protocol, FuzzInput input = FuzzInput.Bytes)
        => Path.Combine(Root, "fuzz-corpus", input == FuzzInput.Choices ? "choices" : "seeds", protocol);

    /// <summary>Where a campaign keeps its minimal repros by default: ignored by git, so a campaign leaves the checkout clean.</summary>
    public string FoundRegressions => Path.Combine(Root, "findings", "fuzz-regressions");

    public string Findings(string protocol) => Path.Combine(Root, "findings", "fuzz", protocol);

    public string ToolManifest => Path.Combine(Root, ".config", "dotnet-tools.json");

    public string HarnessProject => Path.Combine(Root, "src", "PrimeProps.Fuzz", "PrimeProps.Fuzz.csproj");

    /// <summary>Published, instrumented harnesses, one folder per hash of their build inputs.</summary>
    public string HarnessCache => Path.Combine(Root, "out", "fuzz-harness");

    /// <summary>Every file the harness build reads from the repository: what its cache key hashes.</summary>
    public IEnumerable<string> HarnessInputs()
    {
        var sources = new[] { Path.Combine(Root, "src", "PrimeProps"), Path.GetDirectoryName(HarnessProject)! }
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f) && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)));
        return sources.Append(Path.Combine(Root, "Directory.Build.props")).Append(ToolManifest)
            .Where(File.Exists).Order(StringComparer.Ordinal);
    }

    private bool IsBuildOutput(string file)
    {
        var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    /// <summary>A path as the user would type it: relative below the current directory, else absolute.</summary>
    public static string Show(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
