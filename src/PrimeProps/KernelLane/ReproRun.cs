using System.Diagnostics;
using PrimeProps.Execution;

namespace PrimeProps.KernelLane;

/// <summary>
/// The outcome of reproducing a scenario on the real kernel: every distinct outcome with its
/// count and the model run behind it, and the kernel's alarms. A run is violating when its
/// outcome is one the model produces only non-linearizably (the finding's window opened) or
/// one the model cannot produce at all.
/// </summary>
public sealed record ReproReport(string KernelRelease, ConcurrentScenario Scenario, LitmusVerdict Verdict, int Batches, IReadOnlyList<string> GuestErrors, TimeSpan Wall)
{
    public long Runs => Verdict.Histories;

    public static bool IsViolating(ObservedOutcome o) => o.Witness is not { Linearizable: true };

    public long Violating => Verdict.Observed.Where(IsViolating).Sum(o => o.Count);
}

/// <summary>
/// Runs a scenario's racing calls many times in the guest (threads released by a barrier,
/// the state rebuilt between runs, optional spin knobs before each thread's first call), in
/// batches after each of which the guest scans the kernel log for WARN, BUG and Oops.
/// </summary>
public static class ReproRun
{
    public static ReproReport Run(LaneCache cache, ConcurrentScenario scenario, int runs, int batchRuns, IReadOnlyList<ThreadKnob> knobs, bool forkPerRun,
        Func<LinuxKernel> model, ExplorationBudget budget, int cpus, TimeSpan bootTimeout)
    {
        var clock = Stopwatch.StartNew();
        var jobs = new List<ConcurrentJob>();
        for (int left = runs; left > 0; left -= batchRuns)
            jobs.Add(new ConcurrentJob(scenario, Math.Min(left, batchRuns), forkPerRun, knobs));
        var guest = Task.Run(() => SerialLog.Parse(QemuBoot.Run(cache, ConcurrentBatchWriter.Write(jobs), bootTimeout, cpus)));
        var set = ModelOutcomes.Explore(scenario.Scenario, model, budget.Bound, budget.MaxRuns);
        var log = guest.Result;

        var errors = log.GuestErrors.ToList();
        if (!log.Complete)
            errors.Add($"the guest stopped early (no END line): {log.Scenarios.Count} of {jobs.Count} batches ran");
        var merged = log.Scenarios.Count == 0 ? null : new KernelScenario(0, [], null, null)
        {
            Outcomes = [.. log.Scenarios.SelectMany(s => s.Outcomes).GroupBy(o => o.Outcome).Select(g => (g.Key, g.Sum(o => o.Count))).OrderByDescending(o => o.Item2)],
            KernelAlarms = [.. log.Scenarios.SelectMany(s => s.KernelAlarms)],
        };
        var verdict = LitmusRun.Judge(scenario, set, merged, model, budget);
        return new ReproReport(log.KernelRelease, scenario, verdict, log.Scenarios.Count, errors, clock.Elapsed);
    }
}
