using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.KernelLane;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops kernel --concurrent: litmus runs of concurrent scenarios against the model's outcomes.</summary>
internal static partial class KernelCommand
{
    private static int Litmus(ParseResult parsed, Options o, LaneCache cache, Func<LinuxKernel> model, TextWriter stdout)
    {
        int n = parsed.GetValue(o.Scenarios) ?? 100, runs = parsed.GetValue(o.Runs) ?? 20, perBoot = parsed.GetValue(o.Batch), cpus = parsed.GetValue(o.Cpus);
        if (n < 0 || runs < 1)
            throw new UsageException("--scenarios must be 0 or more and --runs at least 1");
        var budget = Budget(parsed, o);
        var (files, skipped) = ConcurrentScenario.FromDirectories(CorpusDirs(parsed, o));
        var scenarios = files.Concat(ConcurrentScenario.Random(parsed.GetValue(o.Seed), n)).ToList();
        var jobs = scenarios.Select(s => new ConcurrentJob(s, runs, ForkPerRun: true, [])).ToList();
        stdout.WriteLine($"kernel lane, concurrent ({cache.Kernel.Name}, {cpus} vCPUs, compared with {cache.Kernel.Protocol}): {files.Count} corpus scenario(s) + {n} random (seed {parsed.GetValue(o.Seed)}), "
            + $"{runs} runs each (a fresh process per run), model outcomes from every schedule with at most {budget.Bound} preemptions");
        if (skipped.Where(l => !l.Contains(": ")).ToList() is { Count: > 0 } shapes)
            stdout.WriteLine($"not run (no threads, or more than the guest's one vgem device): {string.Join(", ", shapes)}");
        foreach (var newer in skipped.Where(l => l.Contains(": ")))
            stdout.WriteLine($"not run: {newer}"); // a call the guest kernel predates
        stdout.Flush();

        var report = LitmusRun.Run(cache, jobs, model, budget, perBoot, cpus, BootTimeout(parsed, o, (long)runs * Math.Min(perBoot, jobs.Count) * 2));
        foreach (var v in report.Verdicts)
            PrintOutside(v, budget, stdout);
        foreach (var e in report.GuestErrors)
            stdout.WriteLine($"guest: {e}");
        PrintAlarms(report.Verdicts.SelectMany(v => v.KernelAlarms.Select(a => $"{v.Scenario.Label}: {a}")), stdout);
        PrintWindows(report.Verdicts, stdout);

        var ran = report.Verdicts.Where(v => v.Ran).ToList();
        int outside = ran.Sum(v => v.OutsideModel.Count());
        int modelOutcomes = ran.Sum(v => v.Model.Outcomes.Count), shown = ran.Sum(v => v.ModelOutcomesShown);
        int bySearch = ran.Sum(v => v.Observed.Count(x => x.FoundBySearch));
        int cut = ran.Count(v => !v.Model.Exhaustive);
        stdout.WriteLine($"model: {modelOutcomes} outcome(s) over {ran.Count} scenarios from {ran.Sum(v => v.Model.Runs)} schedules"
            + (cut > 0 ? $" ({cut} scenario(s) cut at {budget.MaxRuns} schedules)" : "")
            + $"; the kernel showed {shown} of them ({Percent(shown, modelOutcomes)}); {bySearch} more kernel outcome(s) needed the search (more than {budget.Bound} preemptions)");
        stdout.WriteLine($"kernel {Release(report.KernelRelease)}: {ran.Count} of {jobs.Count} scenarios ran, {ran.Sum(v => v.Histories)} histories checked, "
            + $"{outside} outcome(s) outside the model, {report.Verdicts.Sum(v => v.KernelAlarms.Count)} kernel alarm(s), {report.Boots} boot(s), {report.Wall.TotalSeconds:0.0} s");
        bool incomplete = ran.Count < jobs.Count || report.GuestErrors.Count > 0;
        return outside > 0 || incomplete || report.Verdicts.Any(v => v.KernelAlarms.Count > 0) ? Program.ViolationFound : Program.Clean;
    }

    private static ExplorationBudget Budget(ParseResult parsed, Options o)
        => new() { Bound = parsed.GetValue(o.Bound), SearchBound = Math.Max(parsed.GetValue(o.Bound), parsed.GetValue(o.SearchBound)) };

    private static void PrintOutside(LitmusVerdict v, ExplorationBudget budget, TextWriter stdout)
    {
        if (!v.Ran)
        {
            stdout.WriteLine($"NOT RUN {v.Scenario.Label}: the guest printed nothing for it");
            return;
        }
        foreach (var x in v.OutsideModel)
        {
            stdout.WriteLine($"OUTSIDE THE MODEL {v.Scenario.Label}: the kernel gave `{x.Outcome}` in {x.Count} run(s); no schedule of the model with at most "
                + $"{budget.SearchBound} preemptions gives it ({x.SearchRuns} schedules searched{(x.SearchRuns < budget.SearchRuns ? ": all of them" : "")})");
            stdout.WriteLine("  outcome order: " + OutcomeOrder(v.Scenario.Scenario));
            foreach (var line in ScenarioPrinter.Print(v.Scenario.Scenario).TrimEnd().Split('\n'))
                stdout.WriteLine("  | " + line);
        }
    }

    /// <summary>The ops in the order an outcome lists their results.</summary>
    private static string OutcomeOrder(Scenario s)
        => string.Join(" ", s.Setup.Select(ScenarioPrinter.PrintOp).Select(p => $"[{p}]"))
            + string.Concat(s.Threads.Select(t => $" | {t.Name}: " + string.Join(" ", t.Ops.Select(ScenarioPrinter.PrintOp).Select(p => $"[{p}]"))));

    /// <summary>Kernel outcomes the model produces only without a sequential explanation: a model finding seen on the real kernel.</summary>
    private static void PrintWindows(IEnumerable<LitmusVerdict> verdicts, TextWriter stdout)
    {
        foreach (var v in verdicts)
            foreach (var x in v.Observed.Where(x => x.Witness is { Linearizable: false }))
                stdout.WriteLine($"window {v.Scenario.Label}: `{x.Outcome}` in {x.Count} run(s), an outcome the model gives only non-linearizably");
    }

    private static void PrintAlarms(IEnumerable<string> alarms, TextWriter stdout)
    {
        foreach (var a in alarms)
            stdout.WriteLine($"KERNEL LOG {a}");
    }

    private static string Percent(long part, long whole) => whole == 0 ? "-" : 100.0 * part / whole is var p && p is > 0 and < 0.1 ? $"{p:0.###}%" : $"{p:0.#}%";
}
