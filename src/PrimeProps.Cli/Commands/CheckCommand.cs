using System.CommandLine;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Repro;
using PrimeProps.Search;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops check: random scenarios under random schedules; every distinct failure shrunk and saved.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout)
    {
        var protocols = ProtocolOption.Create("Protocol to check; repeat for several; default: every built-in one");
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the run: the same seed gives the same scenarios, schedules and findings", DefaultValueFactory = _ => 1 };
        var scenarios = new Option<int>("--scenarios", "-n") { Description = "Scenarios per protocol", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int>("--threads") { Description = "At most this many concurrent threads per scenario (1-4)", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "Folder for the shrunk repro files", DefaultValueFactory = _ => "findings" };
        var json = new Option<string?>("--json") { Description = "Also write a JSON summary of every protocol's result to this file" };
        var load = ProtocolOption.CreateLoad();
        var baseline = new Option<string?>("--base") { Description = "Patch review: report a failure only when its scenario, run with the same schedule on this protocol (built-in or loaded), does not fail the same way (oracle, kernel function); count the others" };
        var budget = new SearchBudgetOptions();
        var command = new Command("check", "Check protocols with random scenarios, each under a portfolio of schedules; print and save each distinct failure, shrunk.\n" +
            "Examples:\n  primeprops check                               every built-in protocol, 2000 scenarios each\n" +
            "  primeprops check -p v3.6 -s 7 -n 20000 --threads 4 --json out.json\n" +
            "  primeprops check -p modern --time 5m           as many scenarios as fit in 5 minutes\n" +
            "  primeprops check -p modern -n 100000 --shard 2/4   the third quarter of a long run\n" +
            "  primeprops check --load examples/PatchReview/bin/PatchReview.dll -p modern-early-handle-remove --base modern")
        {
            protocols, seed, scenarios, threads, output, json, load, baseline,
        };
        budget.AddTo(command);
        command.SetAction(parsed =>
        {
            var catalog = ProtocolOption.Catalog(parsed, load);
            var names = parsed.GetValue(protocols) is { Length: > 0 } given ? given : catalog.Names.ToArray();
            var baseKernel = parsed.GetValue(baseline) is { } baseName ? ProtocolOption.Resolve(catalog, baseName) : null;
            var loadArgs = ProtocolOption.LoadArguments(parsed, load);
            foreach (var name in names)
                ProtocolOption.Resolve(catalog, name); // every name known before anything runs
            int n = parsed.GetValue(scenarios), t = parsed.GetValue(threads);
            if (n < 1)
                throw new UsageException($"--scenarios must be at least 1 (got {n})");
            if (t is < 1 or > 4)
                throw new UsageException($"--threads must be 1 to 4 (got {t})");
            var options = budget.Apply(parsed, new CheckOptions
            {
                Scenarios = n,
                Seed = parsed.GetValue(seed),
                Generator = new GeneratorOptions { MaxThreads = t },
            }, scenariosGiven: parsed.GetResult(scenarios) is { Implicit: false });
            ReproFile.CheckFolder(parsed.GetValue(output)!); // a bad output path fails before the run, not after it
            if (parsed.GetValue(json) is { } jsonFile)
                ReproFile.CheckWritable(jsonFile);
            bool anyFailed = false;
            var reports = new List<(CheckReport, string)>();
            using var interrupt = new Interruption();
            foreach (var name in names)
            {
                if (interrupt.Token.IsCancellationRequested)
                    break;
                stdout.WriteLine($"checking {name}: {Planned(options)}, seed {options.Seed}, {options.Jobs} job(s)...");
                stdout.Flush();
                var comparison = baseKernel is null ? null : new BaseComparison(baseKernel, options.Run);
                var checker = new Checker(ProtocolOption.Resolve(catalog, name), options with { Base = comparison });
                var report = ProgressDisplay.Run($"{name}", (options.Scenarios - options.Shard.Index + options.Shard.Count - 1) / options.Shard.Count, progress => checker.Run(progress, interrupt.Token));
                anyFailed |= !report.Clean;
                Print(stdout, report, options, parsed.GetValue(output)!, loadArgs, comparison);
                reports.Add((report, parsed.GetValue(output)!));
            }
            if (parsed.GetValue(json) is { } jsonPath)
                CheckSummary.Write(jsonPath, options.Seed, reports);
            if (interrupt.Token.IsCancellationRequested)
            {
                stdout.WriteLine("interrupted: the findings above are what was found (and shrunk) so far");
                return Program.Interrupted;
            }
            return anyFailed ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }

    private static string Planned(CheckOptions o)
        => (o.TimeLimit is { } t ? $"scenarios for {t.TotalSeconds:0.#} s" + (o.Scenarios < int.MaxValue ? $" (at most {o.Scenarios})" : "") : $"{o.Scenarios} scenarios")
           + (o.Shard == Shard.Whole ? "" : $", shard {o.Shard}");

    private static void Print(TextWriter stdout, CheckReport report, CheckOptions options, string outDir, string loadArgs, BaseComparison? comparison)
    {
        var relative = comparison is null ? "" : $" not shared with {comparison.BaseName}";
        stdout.WriteLine($"{report.Protocol}: {(report.Clean ? $"clean{relative}" : $"{report.Findings.Count} distinct failure(s){relative}")} in {report.Scenarios} scenarios, {report.Runs} schedules ({report.Steps} trace events), seed {options.Seed}{(report.Interrupted ? " (interrupted)" : "")}");
        if (report.TimeUp || report.Interrupted || report.Shard != Shard.Whole)
            stdout.WriteLine($"  to repeat exactly: {FindingsPrinter.Command(report, options, loadArgs, comparison)}");
        if (comparison is not null)
            stdout.WriteLine($"  base: {comparison.Summary()}");
        var cov = report.Coverage;
        var never = cov.NeverOverlapped().ToList();
        stdout.WriteLine($"  coverage: {cov.Overlaps.Count} pairs of calls overlapped ({string.Join(", ", cov.Overlaps.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Key} {p.Value}x"))}, ...); never: {(never.Count == 0 ? "none" : string.Join(", ", never.Take(6)))}{(never.Count > 6 ? ", ..." : "")}");
        stdout.WriteLine($"  results: {string.Join(", ", cov.Results.Where(p => !p.Key.EndsWith(" ok")).Select(p => $"{p.Key} {p.Value}x"))}");
        stdout.WriteLine($"  faults injected: {(cov.Faults.Count == 0 ? "none" : string.Join(", ", cov.Faults.Select(p => $"{p.Key} {p.Value}x")))}");
        stdout.WriteLine($"  {report.Reference.Summary()}");
        foreach (var line in CoverageText.Lines(cov))
            stdout.WriteLine(line);
        FindingsPrinter.PrintCounts(stdout, report);
        FindingsPrinter.Print(stdout, report, options, outDir, loadArgs, comparison);
        stdout.WriteLine();
    }
}
