using System.CommandLine;
using PrimeProps.KernelLane;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>
/// primeprops kernel: the differential lane. Every sequential-able corpus scenario and N random
/// sequential ones run on a real Linux kernel (vgem, under qemu, prepared by
/// scripts/kernel-lane.sh) and in the modern model; every disagreement is printed.
/// </summary>
internal static class KernelCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cache = new Option<string>("--cache") { Description = "Folder prepared by scripts/kernel-lane.sh", DefaultValueFactory = _ => InRepository(LaneCache.DefaultDir) };
        var corpus = new Option<string>("--corpus") { Description = "Scenario folder whose igt/ and catalog/ files run too", DefaultValueFactory = _ => InRepository("fuzz-corpus") };
        var scenarios = new Option<int>("--scenarios", "-n") { Description = "Random sequential scenarios (one device, one thread, no faults)", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the random scenarios", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Scenarios per boot", DefaultValueFactory = _ => 1000 };
        var timeout = new Option<int>("--boot-timeout") { Description = "Seconds before a boot is killed", DefaultValueFactory = _ => 300 };
        var command = new Command("kernel", "Run scenarios on a real Linux kernel (vgem under qemu) and compare every result with the modern model")
        {
            cache, corpus, scenarios, seed, batch, timeout,
        };
        command.SetAction(parsed =>
        {
            int n = parsed.GetValue(scenarios), perBoot = parsed.GetValue(batch);
            if (n < 0 || perBoot < 1)
                throw new UsageException("--scenarios must be 0 or more and --batch at least 1");
            if (parsed.GetValue(cache) is not { Length: > 0 } cacheDir || parsed.GetValue(corpus) is not { Length: > 0 })
                throw new UsageException("--cache and --corpus need a folder");
            var lane = new LaneCache(Path.GetFullPath(cacheDir));
            if (lane.Missing() is { Count: > 0 } missing)
            {
                stderr.WriteLine("primeprops: the kernel lane is not prepared; missing:");
                foreach (var m in missing)
                    stderr.WriteLine($"  {m}");
                return Program.BadUsage;
            }
            var root = parsed.GetValue(corpus)!;
            if (!Directory.Exists(root))
                throw new UsageException($"no scenario folder {root} (--corpus; run inside the repository or name its fuzz-corpus/)");
            IReadOnlyList<LaneScenario> files;
            IReadOnlyList<string> skipped;
            try
            {
                (files, skipped) = LaneScenario.FromDirectories(new[] { "igt", "catalog" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists));
            }
            catch (ScenarioParseException e)
            {
                stderr.WriteLine($"primeprops: {e.Message}");
                return Program.BadUsage;
            }
            var all = files.Concat(LaneScenario.Random(parsed.GetValue(seed), n)).ToList();
            if (all.Count == 0)
                throw new UsageException($"nothing to run: no scenarios in {Path.Combine(root, "igt")} or {Path.Combine(root, "catalog")} and --scenarios 0");
            stdout.WriteLine($"kernel lane: {files.Count} corpus scenario(s) + {n} random (seed {parsed.GetValue(seed)}), {perBoot} per boot");
            if (skipped.Count > 0)
                stdout.WriteLine($"not run (need more than the guest's one vgem device): {string.Join(", ", skipped)}");
            stdout.Flush();

            var report = KernelLaneRun.Run(lane, all, () => new Modern(), perBoot, TimeSpan.FromSeconds(parsed.GetValue(timeout)));
            foreach (var m in report.Mismatches)
                stdout.WriteLine(m);
            foreach (var e in report.GuestErrors)
                stdout.WriteLine($"guest: {e}");
            stdout.WriteLine($"kernel {(report.KernelRelease.Length > 0 ? report.KernelRelease : "(unknown: no guest output)")}: {report.Scenarios} scenarios, "
                + $"{report.Syscalls} syscalls, {report.Boots} boot(s), {report.Mismatches.Count} mismatch(es) with modern, {report.Wall.TotalSeconds:0.0} s");
            return report.Mismatches.Count > 0 ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }

    /// <summary>A folder of the repository wherever the command runs from; relative to here outside one.</summary>
    private static string InRepository(string relative) => RepositoryRoot.Find() is { } repo ? Path.Combine(repo, relative) : relative;
}
