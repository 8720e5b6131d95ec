namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// The processes still working on a findings folder: afl-fuzz instances started with
/// `-o FOLDER`, and harnesses started with `--campaign FOLDER` (see <see cref="AflFleet"/>).
/// AFL++ refuses to resume a folder that a live instance holds ("Directory ... is in use")
/// without saying which process holds it; a rerun names them first. Read from /proc: on
/// another system there is nothing to find.
/// </summary>
internal static class LiveInstances
{
    /// <summary>A process on the folder: its pid and what it is ("afl-fuzz -M main", "harness").</summary>
    public sealed record Holder(int Pid, string What);

    public static IReadOnlyList<Holder> On(string findingsDir, string procRoot = "/proc")
    {
        var holders = new List<Holder>();
        if (!Directory.Exists(procRoot))
            return holders;
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(findingsDir));
        foreach (var entry in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int pid) || pid == Environment.ProcessId)
                continue;
            if (ReadArgs(Path.Combine(entry, "cmdline")) is { } args && Describe(args, dir) is { } what)
                holders.Add(new Holder(pid, what));
        }
        holders.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return holders;
    }

    /// <summary>What a command line is to the folder, or null when it does not work on it.</summary>
    internal static string? Describe(IReadOnlyList<string> args, string dir)
    {
        string? ValueOf(string option)
        {
            int i = args.ToList().IndexOf(option);
            return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        }
        bool Same(string? path) => path is not null && Path.TrimEndingDirectorySeparator(path) == dir;
        if (args.Count > 0 && Path.GetFileName(args[0]) == Prerequisites.AflFuzz && Same(ValueOf("-o")))
            return $"afl-fuzz {(ValueOf("-M") is { } main ? "-M " + main : ValueOf("-S") is { } secondary ? "-S " + secondary : "")}".TrimEnd();
        if (args.Any(a => a.EndsWith(HarnessBuild.HarnessDll, StringComparison.Ordinal)) && Same(ValueOf("--campaign")))
            return "harness";
        return null;
    }

    /// <summary>A process's arguments; null when it is gone or not ours to read (a race with its exit is normal).</summary>
    private static string[]? ReadArgs(string cmdlinePath)
    {
        try
        {
            var text = File.ReadAllText(cmdlinePath);
            return text.Length == 0 ? null : text.TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"afl-fuzz -M main (pid 123), harness (pid 456)".</summary>
    public static string Show(IEnumerable<Holder> holders) => string.Join(", ", holders.Select(h => $"{h.What} (pid {h.Pid})"));
}
