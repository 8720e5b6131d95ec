using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.KernelLane;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>
/// primeprops kernel: the differential lane on a real Linux kernel (vgem under qemu, prepared
/// by scripts/kernel-lane.sh), compared with the protocol of that kernel's version. Three
/// modes: sequential scenarios (the default), litmus runs of concurrent scenarios
/// (--concurrent), and the reproduction of one scenario's window (--repro FILE).
/// </summary>
internal static partial class KernelCommand
{
    private sealed class Options
    {
        public readonly Option<string> Kernel = new("--kernel") { Description = $"Debian kernel line to boot: {string.Join(" or ", LaneKernel.Versions)}", DefaultValueFactory = _ => LaneKernel.Default.Version };
        public readonly Option<bool> Rt = new("--rt") { Description = "Its PREEMPT_RT build" };
        public readonly Option<string> Cache = new("--cache") { Description = "Cache root prepared by scripts/kernel-lane.sh (one folder per kernel inside)", DefaultValueFactory = _ => InRepository(LaneCache.DefaultRoot) };
        public readonly Option<string> Corpus = new("--corpus") { Description = "Scenario folder whose igt/ and catalog/ files run too", DefaultValueFactory = _ => InRepository("fuzz-corpus") };
        public readonly Option<int?> Scenarios = new("--scenarios", "-n") { Description = "Random scenarios (default 2000 sequential, 100 concurrent)" };
        public readonly Option<ulong> Seed = new("--seed", "-s") { Description = "Seed of the random scenarios", DefaultValueFactory = _ => 1 };
        public readonly Option<int> Batch = new("--batch") { Description = "Scenarios per boot", DefaultValueFactory = _ => 5000 };
        public readonly Option<string?> Record = new("--record") { Description = $"Sequential runs: also write what the kernel answered to this truth file ({TruthFile.Folder}/SERIES.txt, replayed by the tests without a boot)" };
        public readonly Option<int> Timeout = new("--boot-timeout") { Description = "Seconds before a boot is killed (default 300, more for long repros)" };
        public readonly Option<bool> Concurrent = new("--concurrent") { Description = "Litmus runs: threads as real pthreads, every outcome checked against the model's" };
        public readonly Option<string?> Repro = new("--repro") { Description = "Run this scenario's racing calls --runs times and count the violating outcomes" };
        public readonly Option<int?> Runs = new("--runs") { Description = "Runs per scenario (default 20 with --concurrent, 10000 with --repro)" };
        public readonly Option<int> Cpus = new("--cpus") { Description = "vCPUs of the guest for concurrent runs (multi-threaded TCG)", DefaultValueFactory = _ => 2 };
        public readonly Option<bool> Fork = new("--fork") { Description = "--repro: a fresh process per run (slower) instead of one process closing every fd between runs" };
        public readonly Option<string[]> Delay = new("--delay") { Description = "--repro: THREAD=N spins THREAD N iterations after the barrier (repeatable)", AllowMultipleArgumentsPerToken = false };
        public readonly Option<long> Jitter = new("--jitter") { Description = "--repro: every thread also spins a random number of iterations below N", DefaultValueFactory = _ => 0 };
        public readonly Option<int> BatchRuns = new("--batch-runs") { Description = "--repro: runs between two scans of the kernel log", DefaultValueFactory = _ => 10_000 };
        public readonly Option<int> Bound = new("--bound") { Description = "Model side: preemption bound of the outcome enumeration", DefaultValueFactory = _ => 2 };
        public readonly Option<int> SearchBound = new("--search-bound") { Description = "Model side: preemption bound of the search for an outcome the enumeration lacks", DefaultValueFactory = _ => 6 };

        public IEnumerable<Option> All => [Kernel, Rt, Cache, Corpus, Scenarios, Seed, Batch, Record, Timeout, Concurrent, Repro, Runs, Cpus, Fork, Delay, Jitter, BatchRuns, Bound, SearchBound];
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var o = new Options();
        var command = new Command("kernel", "Run scenarios on a real Linux kernel (vgem under qemu) and compare every result with the model of that kernel")
        {
            Description = "Run scenarios on a real Linux kernel (vgem under qemu) and compare every result with the model of that kernel.\n"
                + "Examples:\n  primeprops kernel -n 2000 --kernel 6.12\n  primeprops kernel --concurrent -n 500 --runs 20\n"
                + "  primeprops kernel --repro fuzz-corpus/catalog/modern-reimport-returns-a-closing-handle.scn --runs 50000",
        };
        foreach (var option in o.All)
            command.Add(option);
        command.SetAction(parsed => Execute(parsed, o, stdout, stderr));
        return command;
    }

    private static int Execute(ParseResult parsed, Options o, TextWriter stdout, TextWriter stderr)
    {
        var version = parsed.GetValue(o.Kernel)!;
        var kernel = LaneKernel.TryCreate(version, parsed.GetValue(o.Rt))
            ?? throw new UsageException($"--kernel {version}: known kernels are {string.Join(", ", LaneKernel.Versions)}");
        if (parsed.GetValue(o.Batch) < 1 || parsed.GetValue(o.Cpus) < 1 || parsed.GetValue(o.Bound) < 0 || parsed.GetValue(o.SearchBound) < 0)
            throw new UsageException("--batch and --cpus must be at least 1, --bound and --search-bound 0 or more");
        if (parsed.GetValue(o.Concurrent) && parsed.GetValue(o.Repro) is not null)
            throw new UsageException("--concurrent and --repro are two different modes: give one");
        if (parsed.GetValue(o.Record) is not null && (parsed.GetValue(o.Concurrent) || parsed.GetValue(o.Repro) is not null))
            throw new UsageException("--record writes what sequential runs observed: not with --concurrent or --repro");
        var cacheRoot = parsed.GetValue(o.Cache)!;
        if (string.IsNullOrWhiteSpace(cacheRoot))
            throw new UsageException("--cache: give the folder scripts/kernel-lane.sh prepared (it is empty here)");
        var cache = new LaneCache(Path.GetFullPath(cacheRoot), kernel);
        if (cache.Missing() is { Count: > 0 } missing)
        {
            stderr.WriteLine($"primeprops: the kernel lane is not prepared for {kernel.Name}; missing:");
            foreach (var m in missing)
                stderr.WriteLine($"  {m}");
            return Program.BadUsage;
        }
        var model = ProtocolOption.Resolve(kernel.Protocol);
        try
        {
            if (parsed.GetValue(o.Repro) is { } file)
                return Repro(parsed, o, cache, model, file, stdout);
            if (parsed.GetValue(o.Concurrent))
                return Litmus(parsed, o, cache, model, stdout);
            return Sequential(parsed, o, cache, model, stdout);
        }
        catch (ScenarioParseException e)
        {
            stderr.WriteLine($"primeprops: {e.Message}");
            return Program.BadUsage;
        }
    }

    private static int Sequential(ParseResult parsed, Options o, LaneCache cache, Func<LinuxKernel> model, TextWriter stdout)
    {
        int n = parsed.GetValue(o.Scenarios) ?? 2000, perBoot = parsed.GetValue(o.Batch);
        if (n < 0)
            throw new UsageException("--scenarios must be 0 or more");
        if (parsed.GetValue(o.Corpus) is not { Length: > 0 } root || !Directory.Exists(root))
            throw new UsageException($"no scenario folder '{parsed.GetValue(o.Corpus)}' (--corpus; run inside the repository or name its fuzz-corpus/)");
        var (files, skipped) = LaneScenario.FromDirectories(CorpusDirs(parsed, o));
        var all = files.Concat(LaneScenario.Random(parsed.GetValue(o.Seed), n)).ToList();
        if (all.Count == 0)
            throw new UsageException($"nothing to run: no scenarios in {Path.Combine(root, "igt")} or {Path.Combine(root, "catalog")} and --scenarios 0");
        stdout.WriteLine($"kernel lane ({cache.Kernel.Name}, compared with {cache.Kernel.Protocol}): {files.Count} corpus scenario(s) + {n} random (seed {parsed.GetValue(o.Seed)}), {perBoot} per boot");
        if (skipped.Where(l => !l.Contains(": ")).ToList() is { Count: > 0 } devices)
            stdout.WriteLine($"not run (need more than the guest's one vgem device): {string.Join(", ", devices)}");
        foreach (var newer in skipped.Where(l => l.Contains(": ")))
            stdout.WriteLine($"not run: {newer}"); // a call the guest kernel predates
        stdout.Flush();

        var report = KernelLaneRun.Run(cache, all, model, perBoot, BootTimeout(parsed, o, 0));
        foreach (var m in report.Mismatches)
            stdout.WriteLine(m);
        foreach (var e in report.GuestErrors)
            stdout.WriteLine($"guest: {e}");
        stdout.WriteLine($"kernel {Release(report.KernelRelease)}: {report.Scenarios} scenarios, "
            + $"{report.Syscalls} syscalls, {report.Boots} boot(s), {report.Mismatches.Count} mismatch(es) with {cache.Kernel.Protocol}, {report.Wall.TotalSeconds:0.0} s");
        if (parsed.GetValue(o.Record) is { } truth && !RecordTruth(truth, parsed, o, cache, all, report, stdout))
            return Program.BadUsage;
        return report.Mismatches.Count > 0 ? Program.ViolationFound : Program.Clean;
    }

    /// <summary>
    /// Writes the truth file of a complete run (every scenario answered, no guest error); its
    /// header names the release and the command that records it again. False when the run was not complete.
    /// </summary>
    private static bool RecordTruth(string path, ParseResult parsed, Options o, LaneCache cache, IReadOnlyList<LaneScenario> all, LaneReport report, TextWriter stdout)
    {
        if (!report.Complete || report.GuestErrors.Count > 0 || report.Observed.Any(s => s is null) || report.KernelRelease.Length == 0)
        {
            stdout.WriteLine($"not recorded: {path} needs a complete run (every scenario answered, no guest error)");
            return false;
        }
        var full = Path.GetFullPath(path);
        var shown = RepositoryRoot.Find() is { } repo && full.StartsWith(repo + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(repo, full).Replace(Path.DirectorySeparatorChar, '/') : path;
        var command = $"./primeprops kernel --kernel {cache.Kernel.Version}{(cache.Kernel.Rt ? " --rt" : "")} -n {parsed.GetValue(o.Scenarios) ?? 2000} "
            + $"--seed {parsed.GetValue(o.Seed)} --record {shown}";
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, TruthFile.Write(report.KernelRelease, command, [.. all.Select((lane, i) => (lane, report.Observed[i]!))]));
        stdout.WriteLine($"recorded {all.Count} scenario(s) of {report.KernelRelease} in {path} ({new FileInfo(full).Length / 1024} KiB)");
        return true;
    }

    private static IEnumerable<string> CorpusDirs(ParseResult parsed, Options o)
        => new[] { "igt", "catalog" }.Select(d => Path.Combine(parsed.GetValue(o.Corpus)!, d)).Where(Directory.Exists);

    /// <summary>The given timeout, else 300 s plus 50 ms per run of a boot (a loaded 2-core host ran about 25 forked runs a second).</summary>
    private static TimeSpan BootTimeout(ParseResult parsed, Options o, long runsPerBoot)
        => TimeSpan.FromSeconds(parsed.GetValue(o.Timeout) is > 0 and var t ? t : 300 + runsPerBoot / 20);

    /// <summary>A folder of the repository wherever the command runs from; relative to here outside one.</summary>
    private static string InRepository(string relative) => RepositoryRoot.Find() is { } repo ? Path.Combine(repo, relative) : relative;

    private static string Release(string release) => release.Length > 0 ? release : "(unknown: no guest output)";
}
