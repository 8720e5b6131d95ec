using System.Security.Cryptography;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// The AFL++ target: src/PrimeProps.Fuzz published into a fresh folder with only PrimeProps.dll
/// instrumented (never the build the tests use: the instrumented DLL needs SharpFuzz.Common
/// beside it, and SharpFuzz refuses to instrument twice). Cached under a hash of every build
/// input, so a second campaign on unchanged sources starts at once.
/// </summary>
internal sealed class HarnessBuild(RepoLayout repo, TextWriter log)
{
    private const string Ready = ".instrumented";
    public const string HarnessDll = "PrimeProps.Fuzz.dll";

    /// <summary>The path of the harness DLL, building it first when the sources changed.</summary>
    public string Prepare()
    {
        string key = InputsHash();
        string dir = Path.Combine(repo.HarnessCache, key);
        if (File.Exists(Path.Combine(dir, Ready)))
        {
            log.WriteLine($"harness: cached in {RepoLayout.Show(dir)}");
            return Path.Combine(dir, HarnessDll);
        }
        log.WriteLine($"harness: publishing and instrumenting into {RepoLayout.Show(dir)} ...");
        // Built aside and moved in complete, so an interrupted build never looks cached.
        string staging = $"{dir}.tmp-{Environment.ProcessId}";
        DeleteIfExists(staging);
        Step("dotnet publish", ["publish", repo.HarnessProject, "-c", "Release", "-o", staging, "-nologo", "-v", "quiet"]);
        Step("sharpfuzz", ["tool", "run", "sharpfuzz", Path.Combine(staging, "PrimeProps.dll")]);
        File.WriteAllText(Path.Combine(staging, Ready), key + "\n");
        // Older harnesses go; another campaign's build in progress (".tmp-PID") is left alone.
        foreach (var stale in Directory.EnumerateDirectories(repo.HarnessCache).Where(d => !d.Contains(".tmp-")))
            DeleteIfExists(stale);
        if (Directory.Exists(dir)) // a concurrent campaign finished the same build first
            DeleteIfExists(staging);
        else
            Directory.Move(staging, dir);
        return Path.Combine(dir, HarnessDll);
    }

    private void Step(string what, string[] args)
    {
        var result = ExternalCommand.Run("dotnet", args, repo.Root);
        if (result.ExitCode != 0)
            throw new CampaignException($"{what} failed (exit status {result.ExitCode}):\n{result.Tail()}");
    }

    /// <summary>Paths and contents of the build inputs (see <see cref="RepoLayout.HarnessInputs"/>).</summary>
    private string InputsHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in repo.HarnessInputs())
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(repo.Root, file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private static void DeleteIfExists(string dir)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }
}

/// <summary>A campaign that cannot go on: a tool failed, or AFL++ would not start. Exit status 2.</summary>
internal sealed class CampaignException(string message) : Exception(message);
