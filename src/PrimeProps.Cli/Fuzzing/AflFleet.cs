using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PrimeProps.Fuzzing;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>What to run: the harness under <see cref="Jobs"/> afl-fuzz instances sharing <see cref="FindingsDir"/>.</summary>
internal sealed record AflPlan(string AflFuzz, string Harness, string Protocol, string InputDir, string FindingsDir,
    int Jobs, ulong Seed, long? Execs, int? Seconds, IReadOnlyList<string> Loads, FuzzOptions Target, bool InProcess = false, string FirstName = AflFleet.Main)
{
    /// <summary>Instance i's name: the first is "main" (or this machine's --instance), the others "secondaryI".</summary>
    public string NameOf(int index) => index == 0 ? FirstName : $"secondary{index}";
}

/// <summary>
/// One -M main and Jobs-1 -S secondaries, each with its own log beside its folder. Each runs
/// in its own session (setsid), so a Ctrl-C at the terminal reaches only primeprops, which
/// passes it on (<see cref="Interrupt"/>): AFL++ then stops its target cleanly instead of
/// seeing it killed by the same signal.
/// </summary>
/// <remarks>
/// Lifetime: an instance never outlives primeprops. Its own session puts it out of reach of a
/// signal to primeprops' process group (a CI timeout, `kill -9 -PGID`), and the OOM killer
/// kills one process only, so each is started as `setsid setpriv --pdeathsig KILL -- afl-fuzz
/// ...`: setsid does not fork (our child is no group leader), then setpriv sets
/// PR_SET_PDEATHSIG in the process that execs afl-fuzz, so the kernel kills afl-fuzz when
/// primeprops dies, however it dies. The death signal follows the thread that forked, so
/// instances are started from the campaign's own (main) thread, never a pool thread that may
/// retire. The harness under afl-fuzz sets its own death signal (src/PrimeProps.Fuzz/ParentDeath.cs).
/// </remarks>
internal sealed partial class AflFleet : IDisposable
{
    /// <summary>Per-run timeout: generous, since the first run of a target includes .NET start-up and JIT.</summary>
    private const string TimeoutMs = "5000";
    private readonly List<(string Name, Process Process, string Log)> instances = [];

    /// <summary>The one instance that runs -M; every other name runs -S.</summary>
    public const string Main = "main";

    public IEnumerable<string> Names => instances.Select(i => i.Name);

    public static AflFleet Start(AflPlan plan, IEnumerable<KeyValuePair<string, string>> environment)
    {
        Directory.CreateDirectory(plan.FindingsDir);
        var fleet = new AflFleet();
        var env = environment.ToList();
        for (int i = 0; i < plan.Jobs; i++)
        {
            var name = plan.NameOf(i);
            var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in Arguments(plan, i))
                info.ArgumentList.Add(a);
            foreach (var (key, value) in env)
                info.Environment[key] = value;
            var log = Path.Combine(plan.FindingsDir, name + ".log");
            fleet.instances.Add((name, StartLogged(info, log), log));
        }
        return fleet;
    }

    /// <summary>Whether the instance's folder holds a previous session to resume ("-i -").</summary>
    public static bool CanResume(string findingsDir, string name) => Directory.Exists(Path.Combine(findingsDir, name, "queue"));

    private static List<string> Arguments(AflPlan plan, int i)
    {
        string name = plan.NameOf(i);
        bool resume = CanResume(plan.FindingsDir, name);
        var args = new List<string>
        {
            "setpriv", "--pdeathsig", "KILL", "--", plan.AflFuzz, "-i", resume ? "-" : plan.InputDir, "-o", plan.FindingsDir,
            name == Main ? "-M" : "-S", name, "-T", name, "-s", Invariant(plan.Seed + (ulong)i), "-t", TimeoutMs, "-m", "none",
        };
        // The budget is for the whole fleet, and for this session: a resumed instance counts on from its earlier executions.
        if (plan.Execs is { } execs)
            args.AddRange(["-E", Invariant((execs + plan.Jobs - 1) / plan.Jobs + (resume ? FleetProgress.ExecsDone(plan.FindingsDir, name) : 0))]);
        if (plan.Seconds is { } seconds)
            args.AddRange(["-V", Invariant(seconds)]);
        // --campaign names the findings folder on the harness's command line: ps (and the test
        // that kills a campaign) can tell which campaign a harness process serves.
        args.AddRange(["--", DotnetHost(), plan.Harness, plan.Protocol, "--campaign", plan.FindingsDir]);
        foreach (var assembly in plan.Loads)
            args.AddRange(["--load", assembly]);
        if (plan.InProcess)
            args.Add("--in-process");
        args.AddRange(["--input", plan.Target.Input.ToString().ToLowerInvariant(), "--schedules", Invariant(plan.Target.Schedules), "--portfolio", Invariant(plan.Target.Portfolio), "--feedback", plan.Target.Feedback.ToString().ToLowerInvariant()]);
        return args;
    }

    /// <summary>The dotnet running this program, by full path (AFL++ warns about a bare name, afl-cmin needs it).</summary>
    private static string DotnetHost()
        => Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    private static Process StartLogged(ProcessStartInfo info, string logPath)
    {
        // Shared for reading, so Failures can show the end of a log while its writer drains.
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        return ExternalCommand.StartWithLines(info, line => { lock (log) log.WriteLine(line); },
            exited: p => { p.WaitForExit(); lock (log) log.Dispose(); }); // after the output drained
    }

    public bool AllExited => instances.All(i => i.Process.HasExited);

    /// <summary>Asks every instance to stop, as a Ctrl-C would: AFL++ finishes the current run and writes its stats.</summary>
    public void Interrupt()
    {
        const int SIGINT = 2;
        foreach (var (_, process, _) in instances)
            if (!process.HasExited)
                _ = kill(process.Id, SIGINT);
    }

    public void WaitForExit()
    {
        foreach (var (_, process, _) in instances)
            process.WaitForExit();
    }

    /// <summary>An instance that exited with an error, with the end of its log (where AFL++ says why).</summary>
    public IEnumerable<string> Failures()
    {
        foreach (var (name, process, log) in instances.Where(i => i.Process.HasExited && i.Process.ExitCode != 0))
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var tail = reader.ReadToEnd().TrimEnd().Split('\n').TakeLast(12).Select(l => "  | " + AnsiEscapes().Replace(l, ""));
            yield return $"afl-fuzz {name} exited with status {process.ExitCode}; the end of {RepoLayout.Show(log)}:\n{string.Join('\n', tail)}";
        }
    }

    public void Dispose()
    {
        Interrupt();
        WaitForExit();
        foreach (var (_, process, _) in instances)
            process.Dispose();
    }

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\)B")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscapes();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
