using System.CommandLine;
using System.Globalization;
using PrimeProps.Execution;
using PrimeProps.KernelLane;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops kernel --repro FILE: how often a scenario's window opens on the real kernel.</summary>
internal static partial class KernelCommand
{
    private static int Repro(ParseResult parsed, Options o, LaneCache cache, Func<LinuxKernel> model, string file, TextWriter stdout)
    {
        int runs = parsed.GetValue(o.Runs) ?? 10_000, batchRuns = parsed.GetValue(o.BatchRuns), cpus = parsed.GetValue(o.Cpus);
        if (runs < 1 || batchRuns < 1)
            throw new UsageException("--runs and --batch-runs must be at least 1");
        var scenario = ConcurrentScenario.FromFile(file, file)
            ?? throw new UsageException($"{file}: --repro needs a scenario with threads on one vgem device");
        if (LaneScenario.Predates(scenario.Scenario) is { } why)
            throw new UsageException($"{file}: {why}: the lane cannot run it");
        var knobs = Knobs(parsed.GetValue(o.Delay) ?? [], parsed.GetValue(o.Jitter), scenario);
        bool fork = parsed.GetValue(o.Fork);
        stdout.WriteLine($"repro {scenario.Label} on {cache.Kernel.Name} ({cpus} vCPUs, {runs} runs, {(fork ? "a fresh process per run" : "one process, every fd closed between runs")}, "
            + $"kernel log scanned every {batchRuns} runs{KnobText(knobs, scenario)}), compared with {cache.Kernel.Protocol}");
        stdout.Flush();

        var report = ReproRun.Run(cache, scenario, runs, batchRuns, knobs, fork, model, Budget(parsed, o), cpus, BootTimeout(parsed, o, runs));
        var v = report.Verdict;
        stdout.WriteLine("outcome order: " + OutcomeOrder(scenario.Scenario));
        foreach (var x in v.Observed)
            stdout.WriteLine($"{x.Count,10} {Percent(x.Count, report.Runs),7}  {x.Outcome}  {Verdict(x)}");
        foreach (var e in report.GuestErrors)
            stdout.WriteLine($"guest: {e}");
        PrintAlarms(v.KernelAlarms, stdout);
        foreach (var w in v.Model.Outcomes.Values.Where(w => !w.Linearizable && !v.Observed.Any(x => x.Outcome.Equals(w.Outcome))))
            stdout.WriteLine($"{"not seen",10} {"",7}  {w.Outcome}  model, NOT linearizable (the window)");
        foreach (var w in v.Model.Outcomes.Values.Where(w => !w.Linearizable))
            stdout.WriteLine($"the model's schedule for `{w.Outcome}`: {Schedule(w.Run)}");
        int violatingModel = v.Model.Outcomes.Values.Count(w => !w.Linearizable);
        stdout.WriteLine($"model: {v.Model.Outcomes.Count} outcome(s) from {v.Model.Runs} schedules (at most {v.Model.Bound} preemptions{(v.Model.Exhaustive ? "" : ", cut")}), "
            + $"{violatingModel} of them non-linearizable; the kernel showed {v.ModelOutcomesShown}");
        stdout.WriteLine($"kernel {Release(report.KernelRelease)}: violating outcome in {report.Violating} of {report.Runs} runs "
            + $"({Percent(report.Violating, report.Runs)}), {v.KernelAlarms.Count} kernel alarm(s), {report.Wall.TotalSeconds:0.0} s");
        bool incomplete = report.Runs < runs || report.GuestErrors.Count > 0;
        return report.Violating > 0 || v.KernelAlarms.Count > 0 || incomplete ? Program.ViolationFound : Program.Clean;
    }

    private static string Schedule(Execution.RunResult run)
    {
        var s = run.WithTakenSchedule();
        return string.Join(' ', s.Schedule.Select(r => s.ThreadName(r.Thread) + (r.Count == 1 ? "" : $"*{r.Count}")));
    }

    private static string Verdict(ObservedOutcome x) => x.Witness switch
    {
        null => "OUTSIDE THE MODEL",
        { Linearizable: false } => "model, NOT linearizable (the window)",
        _ => x.FoundBySearch ? "model (found by search), linearizable" : "model, linearizable",
    };

    /// <summary>--delay THREAD=N (a thread's name or index) and --jitter J as one knob per thread.</summary>
    private static IReadOnlyList<ThreadKnob> Knobs(string[] delays, long jitter, ConcurrentScenario scenario)
    {
        var threads = scenario.Scenario.Threads;
        var delay = new long[threads.Count];
        foreach (var d in delays)
        {
            var parts = d.Split('=', 2);
            int t = parts.Length == 2 ? threads.ToList().FindIndex(x => x.Name == parts[0]) : -1;
            if (t < 0 && parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int i) && i >= 0 && i < threads.Count)
                t = i;
            if (t < 0 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out long n) || n < 0)
                throw new UsageException($"--delay {d}: expected THREAD=N with a thread of the scenario ({string.Join(", ", threads.Select(x => x.Name))}) and N >= 0");
            delay[t] = n;
        }
        if (jitter < 0)
            throw new UsageException("--jitter must be 0 or more");
        return [.. delay.Select(n => new ThreadKnob(n, jitter))];
    }

    private static string KnobText(IReadOnlyList<ThreadKnob> knobs, ConcurrentScenario scenario)
    {
        var set = knobs.Select((k, t) => (k, t)).Where(p => p.k != default)
            .Select(p => $"{scenario.Scenario.Threads[p.t].Name} spins {p.k.Delay}{(p.k.Jitter > 0 ? $"+rand<{p.k.Jitter}" : "")}").ToList();
        return set.Count == 0 ? "" : ", " + string.Join(", ", set);
    }
}
