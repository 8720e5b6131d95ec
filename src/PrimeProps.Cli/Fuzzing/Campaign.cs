using System.Diagnostics;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// What `primeprops fuzz` was asked to do; <see cref="Loads"/>: the --load assemblies (full
/// paths), which the harness loads too; <see cref="Base"/>: crash inputs that fail the same
/// way on this protocol are dropped before triage (patch review).
/// </summary>
internal sealed record CampaignOptions(string Protocol, int? Seconds, long? Execs, int Jobs, ulong Seed, string FindingsDir, string RegressionsDir,
    IReadOnlyList<string>? Loads = null, string? Base = null, FuzzOptions? Target = null, bool InProcess = false, string Instance = AflFleet.Main, string? SyncDir = null);

/// <summary>
/// A coverage-guided campaign against one protocol: check the tools, prepare the instrumented
/// harness (cached) and the seeds, run AFL++ with a live status line until the budget is spent
/// or a signal comes, then triage every crash input into minimal, de-duplicated repros.
/// Exit status: 0 nothing found, 1 findings (or harness bugs), 2 the campaign could not run.
/// </summary>
internal sealed class Campaign(RepoLayout repo, CampaignOptions options, TextWriter stdout, TextWriter stderr, bool interactive)
{
    /// <summary>Status lines: every second on a terminal (rewritten in place), every ten seconds in a log.</summary>
    private TimeSpan StatusInterval => interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);

    public int Run()
    {
        try
        {
            var missing = Prerequisites.Missing(repo, Environment.GetEnvironmentVariable("PATH"));
            foreach (var m in missing)
                stderr.WriteLine($"primeprops fuzz: missing {m}");
            if (missing.Count > 0)
                return Program.BadUsage;
            return RunCampaign();
        }
        catch (CampaignException e)
        {
            stderr.WriteLine($"primeprops fuzz: {e.Message}");
            return Program.BadUsage;
        }
    }

    private FuzzOptions Target => options.Target ?? FuzzOptions.Plain;

    private int RunCampaign()
    {
        // Checked before anything touches the folder: AFL++ would refuse it without naming the holder.
        if (LiveInstances.On(options.FindingsDir) is { Count: > 0 } live)
            throw new CampaignException($"{RepoLayout.Show(options.FindingsDir)} is in use by a running campaign: {LiveInstances.Show(live)}; "
                                      + $"wait for it, stop it (kill {string.Join(' ', live.Select(h => h.Pid))}) or fuzz into another --out");
        InputFormatMark.Claim(options.FindingsDir, Target.Input, used: Directory.EnumerateDirectories(options.FindingsDir).Any(d => AflFleet.CanResume(options.FindingsDir, Path.GetFileName(d))));
        if (options.SyncDir is { } syncDir)
            InputFormatMark.Claim(syncDir, Target.Input, used: Directory.EnumerateDirectories(syncDir).Any());
        var catalog = ProtocolCatalog.Load(options.Loads ?? []);
        var protocol = () => catalog.TryCreate(options.Protocol)!;
        var store = new RegressionStore(options.RegressionsDir, options.Protocol, stderr, catalog, string.Concat((options.Loads ?? []).Select(p => $" --load {p}")));
        store.WarnAboutUnreadable();
        string harness = new HarnessBuild(repo, stdout).Prepare();
        string inputDir = Path.Combine(options.FindingsDir, ".seeds"); // a dot folder: AFL++'s sync skips it
        // A loaded protocol (a patch of a built-in one) starts from the seeds of the built-in it derives from.
        var failingSeeds = new List<CrashInput>();
        int seeds = InputCorpus.Prepare(repo.Seeds(catalog.BuiltInAncestor(options.Protocol) ?? options.Protocol, Target.Input), inputDir, new FuzzTarget(protocol, options.Target), stderr, failingSeeds, Target.Input == FuzzInput.Choices);
        stdout.WriteLine($"fuzz {options.Protocol}: {seeds} seed(s), {options.Jobs} job(s), seed {options.Seed}, {Budget()}; "
                       + $"findings in {RepoLayout.Show(options.FindingsDir)}{(AflFleet.CanResume(options.FindingsDir, options.Instance) ? " (resuming)" : "")}");

        var afl = ExternalCommand.FindOnPath(Prerequisites.AflFuzz, Environment.GetEnvironmentVariable("PATH"))!;
        var plan = new AflPlan(afl, harness, options.Protocol, inputDir, options.FindingsDir, options.Jobs, options.Seed, options.Execs, options.Seconds, options.Loads ?? [], options.Target ?? FuzzOptions.Plain, options.InProcess, options.Instance);
        var sync = options.SyncDir is { } shared ? new SyncDirectory(shared, options.FindingsDir, options.Instance) : null;
        sync?.Exchange(); // the other machines' queues are there before AFL++'s first sync
        IReadOnlyList<string> instances, failures;
        using (var stats = new StatsdListener())
        using (var fleet = AflFleet.Start(plan, AflEnvironment().Concat(stats.Environment()).Concat(sync is null ? [] : SyncDirectory.AflEnvironment())))
        using (var signal = new StopSignal(fleet.Interrupt))
        {
            ShowStatus(fleet, stats, signal, sync);
            fleet.WaitForExit();
            instances = [.. fleet.Names];
            failures = [.. fleet.Failures()];
        }
        foreach (var f in failures)
            stderr.WriteLine($"primeprops fuzz: {f}");
        if (sync is not null)
        {
            sync.Exchange(); // what this instance found last goes out too
            stdout.WriteLine($"fuzz {options.Protocol}: sync through {RepoLayout.Show(options.SyncDir!)}: {sync.Exported} queue entries out, {sync.Imported} in");
        }

        var crashFiles = FleetProgress.CrashFiles(options.FindingsDir, instances);
        stdout.WriteLine($"fuzz {options.Protocol}: AFL++ done: {FleetProgress.Summary(options.FindingsDir, instances) ?? "no statistics written"}"
                       + (FleetProgress.FirstCrash(crashFiles) is { } first ? $"; {first}" : ""));
        // Seeds that failed under the campaign's schedules are findings too (AFL++ could not take them).
        var inputs = failingSeeds.Concat(crashFiles.Select(f => new CrashInput(f, File.ReadAllBytes(f))));
        if (options.Base is { } baseName)
        {
            var comparison = new BaseComparison(() => catalog.TryCreate(baseName)!);
            inputs = [.. inputs.Where(c => !SharedWithBase(comparison, new FuzzTarget(protocol, options.Target), c))];
            stdout.WriteLine($"fuzz {options.Protocol}: {comparison.Summary()}");
        }
        var report = CrashTriage.Triage(protocol, inputs, options.Target);
        var hangs = FleetProgress.HangFiles(options.FindingsDir, instances);
        new CampaignSummary(stdout, store, options).Print(report, crashFiles.Count + failingSeeds.Count, hangs);
        if (report.FoundAnything || hangs.Count > 0)
            return Program.ViolationFound;
        return failures.Count > 0 ? Program.BadUsage : Program.Clean;
    }

    /// <summary>An input the harness cannot run stays, for triage to report.</summary>
    private static bool SharedWithBase(BaseComparison comparison, FuzzTarget target, CrashInput input)
    {
        try
        {
            return comparison.IsShared(target.Run(input.Bytes));
        }
        catch (HarnessBugException)
        {
            return false;
        }
    }

    private string Budget() => (options.Seconds, options.Execs) switch
    {
        (null, null) => "until Ctrl-C",
        ({ } s, null) => $"{s} s",
        (null, { } n) => $"{n} execs",
        ({ } s, { } n) => $"{s} s or {n} execs",
    };

    /// <summary>Prints the status until every instance has exited.</summary>
    private void ShowStatus(AflFleet fleet, StatsdListener stats, StopSignal signal, SyncDirectory? sync)
    {
        var clock = Stopwatch.StartNew();
        var next = StatusInterval;
        var nextSync = SyncDirectory.Interval;
        bool announcedStop = false;
        while (!fleet.AllExited)
        {
            Thread.Sleep(200);
            if (sync is not null && clock.Elapsed >= nextSync)
            {
                nextSync += SyncDirectory.Interval;
                sync.Exchange();
            }
            if (signal.Requested && !announcedStop)
            {
                announcedStop = true;
                stdout.WriteLine($"{(interactive ? "\n" : "")}fuzz {options.Protocol}: stopping AFL++, then triaging what it found (a second Ctrl-C quits at once)");
            }
            if (clock.Elapsed < next)
                continue;
            next += StatusInterval;
            var line = FleetProgress.StatusLine(clock.Elapsed, stats.Snapshot());
            if (interactive)
                stdout.Write($"\r{line,-100}");
            else
                stdout.WriteLine(line);
        }
        if (interactive)
            stdout.WriteLine();
    }

    /// <summary>AFL++'s settings for a .NET target run by a tool, not a person at its screen.</summary>
    private static IEnumerable<KeyValuePair<string, string>> AflEnvironment() =>
    [
        new("AFL_SKIP_BIN_CHECK", "1"),    // the target is dotnet; the instrumentation is in PrimeProps.dll
        new("AFL_NO_UI", "1"),             // output goes to a log; primeprops prints the status
        new("AFL_TRY_AFFINITY", "1"),      // bind to a free core if there is one, else run anyway (shared machines)
        new("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1"), // SharpFuzz reports exceptions itself; core dumps play no part
        new("AFL_SKIP_CPUFREQ", "1"),      // containers cannot read the CPU governor
    ];
}
