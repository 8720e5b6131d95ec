using PrimeProps.Fuzzing;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// Which input format (--input) a findings or sync folder's inputs are in, kept in the folder.
/// Any bytes decode in either format, so nothing would fail if a campaign resumed another
/// format's queue: it would quietly fuzz inputs that mean something else. A folder that AFL++
/// already used without a mark predates the choice format, so it holds byte-codec inputs.
/// </summary>
internal static class InputFormatMark
{
    public const string FileName = ".input-format"; // a dot file: AFL++ and the sync skip it

    /// <summary>Marks <paramref name="folder"/> as holding <paramref name="input"/> inputs, or throws when it holds another format's.</summary>
    public static void Claim(string folder, FuzzInput input, bool used)
    {
        var path = Path.Combine(folder, FileName);
        string want = input.ToString().ToLowerInvariant();
        string? held = File.Exists(path) ? File.ReadAllText(path).Trim() : used ? "bytes" : null;
        if (held is not null && held != want)
            throw new CampaignException($"{RepoLayout.Show(folder)} holds a campaign on --input {held} inputs: rerun with --input {held}, or use another folder for --input {want}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, want + "\n");
    }
}
