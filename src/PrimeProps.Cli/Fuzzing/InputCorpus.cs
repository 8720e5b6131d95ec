using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// AFL++'s input folder, filled from the committed seeds of one protocol. AFL++ aborts on
/// seeds that crash and rejects empty or huge ones, so each seed is checked first; a file
/// that cannot be used gets a warning naming it, never an exception.
/// </summary>
internal static class InputCorpus
{
    /// <summary>AFL++'s largest input (MAX_FILE).</summary>
    public const int MaxSeedBytes = 1024 * 1024;

    /// <summary>
    /// Copies the usable seeds of <paramref name="seedsDir"/> into a fresh <paramref name="inputDir"/>; returns how many.
    /// A seed that fails on the target (its protocol, or one of the campaign's extra schedules) goes to
    /// <paramref name="failing"/> instead: AFL++ would refuse it, but it is a finding, for triage.
    /// </summary>
    public static int Prepare(string seedsDir, string inputDir, FuzzTarget target, TextWriter warnings, List<CrashInput>? failing = null, bool choices = false)
    {
        if (Directory.Exists(inputDir))
            Directory.Delete(inputDir, recursive: true);
        Directory.CreateDirectory(inputDir);
        var files = Directory.Exists(seedsDir) ? Directory.GetFiles(seedsDir).Order(StringComparer.Ordinal).ToList() : [];
        int used = 0;
        foreach (var file in files)
        {
            if (Usable(file, target, warnings, failing, choices) is { } bytes)
            {
                File.WriteAllBytes(Path.Combine(inputDir, Path.GetFileName(file)), bytes);
                used++;
            }
        }
        if (used == 0)
        {
            warnings.WriteLine($"warning: no usable seeds in {RepoLayout.Show(seedsDir)} (write them with: primeprops fuzz-seeds); starting from the empty scenario");
            File.WriteAllBytes(Path.Combine(inputDir, "empty"), [0]);
            used = 1;
        }
        return used;
    }

    private static byte[]? Usable(string file, FuzzTarget target, TextWriter warnings, List<CrashInput>? failing, bool choices)
    {
        string name = RepoLayout.Show(file);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.WriteLine($"warning: seed {name}: cannot read it ({e.Message}); skipped");
            return null;
        }
        if (bytes.Length is 0 or > MaxSeedBytes)
        {
            warnings.WriteLine($"warning: seed {name}: {bytes.Length} bytes (empty or truncated, or over AFL++'s {MaxSeedBytes}); skipped");
            return null;
        }
        RunResult run;
        try
        {
            run = target.Run(bytes);
        }
        catch (HarnessBugException e)
        {
            warnings.WriteLine($"warning: seed {name}: {e.Message}; skipped");
            return null;
        }
        if (run.Violation is { } v)
        {
            warnings.WriteLine($"warning: seed {name}: already fails on {run.Protocol} ({v.Oracle}), and AFL++ needs seeds that run clean; skipped"
                             + (failing is null ? "" : " (triaged with the crashes)"));
            failing?.Add(new CrashInput(file, bytes));
            return null;
        }
        // A tape has no canonical form to compare with (many tapes make one scenario); a codec input has.
        if (!choices && !ScenarioBytes.Encode(ScenarioBytes.Decode(bytes)).AsSpan().SequenceEqual(bytes))
            warnings.WriteLine($"warning: seed {name}: not a canonical encoding (truncated, corrupt or hand-made?); used as it is");
        return bytes;
    }
}
