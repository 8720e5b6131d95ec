namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// The tools a campaign needs that NuGet does not bring: AFL++ and the SharpFuzz instrumenter
/// (a local dotnet tool). Nothing is installed here: each missing tool is named with the
/// command that installs it.
/// </summary>
internal static class Prerequisites
{
    public const string AflFuzz = "afl-fuzz";

    /// <param name="pathVariable">PATH, where afl-fuzz is looked for.</param>
    public static IReadOnlyList<string> Missing(RepoLayout repo, string? pathVariable)
    {
        var missing = new List<string>();
        if (ExternalCommand.FindOnPath(AflFuzz, pathVariable) is null)
            missing.Add($"{AflFuzz} (AFL++) is not on PATH; install it with: apt-get install afl++   (Debian/Ubuntu, as root)");
        if (!File.Exists(repo.ToolManifest))
            missing.Add($"the dotnet tool manifest {RepoLayout.Show(repo.ToolManifest)} is missing (it pins SharpFuzz.CommandLine 2.3.0)");
        else if (ExternalCommand.Run("dotnet", ["tool", "run", "sharpfuzz"], repo.Root).ExitCode != 0)
            missing.Add($"the SharpFuzz instrumenter (dotnet tool sharpfuzz) is not restored; install it with: dotnet tool restore   (in {repo.Root})");
        return missing;
    }
}
