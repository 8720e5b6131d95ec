using System.Diagnostics;
using PrimeProps.Execution;

namespace PrimeProps.KernelLane;

/// <summary>How hard the model side looks: the preemption bound and run budget of the enumeration, and of the search for an outcome the enumeration did not produce.</summary>
public sealed record ExplorationBudget(int Bound = 2, int MaxRuns = 20_000, int SearchBound = 6, int SearchRuns = 200_000);

/// <summary>One outcome the kernel produced: how many runs gave it and the model run that produces it, or null when the model cannot (within the search's budget).</summary>
public sealed record ObservedOutcome(Outcome Outcome, long Count, ModelWitness? Witness, bool FoundBySearch, int SearchRuns);

/// <summary>One scenario of a litmus run: the model's outcomes, what the kernel showed, the kernel's alarms.</summary>
public sealed record LitmusVerdict(ConcurrentScenario Scenario, ModelOutcomeSet Model, IReadOnlyList<ObservedOutcome> Observed, IReadOnlyList<string> KernelAlarms, bool Ran)
{
    public long Histories => Observed.Sum(o => o.Count);
    public IEnumerable<ObservedOutcome> OutsideModel => Observed.Where(o => o.Witness is null);
    /// <summary>The enumerated model outcomes the kernel showed at least once.</summary>
    public int ModelOutcomesShown => Model.Outcomes.Keys.Count(k => Observed.Any(o => o.Outcome.Equals(k)));
}

public sealed record LitmusReport(string KernelRelease, int Boots, IReadOnlyList<LitmusVerdict> Verdicts, IReadOnlyList<string> GuestErrors, TimeSpan Wall);

/// <summary>
/// Litmus runs on the real kernel: each concurrent scenario runs many times as real pthreads
/// in an SMP guest, and every outcome the kernel produced is held against the outcomes the
/// model can produce for that scenario (herd/litmus style). The model's side runs while the
/// guest does.
/// </summary>
public static class LitmusRun
{
    public static LitmusReport Run(LaneCache cache, IReadOnlyList<ConcurrentJob> jobs, Func<LinuxKernel> model, ExplorationBudget budget,
        int batchSize, int cpus, TimeSpan bootTimeout)
    {
        var clock = Stopwatch.StartNew();
        var guest = Task.Run(() => jobs.Chunk(batchSize)
            .Select(batch => SerialLog.Parse(QemuBoot.Run(cache, ConcurrentBatchWriter.Write(batch), bootTimeout, cpus))).ToList());
        var sets = Enumerate(jobs.Select(j => j.Scenario).ToList(), model, budget);
        var logs = guest.Result;

        var verdicts = new List<LitmusVerdict>();
        var errors = new List<string>();
        string release = "";
        int at = 0;
        foreach (var (batch, log) in jobs.Chunk(batchSize).Zip(logs))
        {
            release = log.KernelRelease.Length > 0 ? log.KernelRelease : release;
            errors.AddRange(log.GuestErrors);
            if (!log.Complete)
                errors.Add("a boot stopped early (no END line): its remaining scenarios did not run");
            var byIndex = log.Scenarios.ToDictionary(s => s.Index);
            for (int i = 0; i < batch.Length; i++, at++)
                verdicts.Add(Judge(batch[i].Scenario, sets[at], byIndex.GetValueOrDefault(i), model, budget));
        }
        return new LitmusReport(release, logs.Count, verdicts, errors, clock.Elapsed);
    }

    /// <summary>The model's outcome set of every scenario, two at a time on the pool (each is independent, so the result does not depend on the order).</summary>
    public static IReadOnlyList<ModelOutcomeSet> Enumerate(IReadOnlyList<ConcurrentScenario> scenarios, Func<LinuxKernel> model, ExplorationBudget budget)
    {
        var sets = new ModelOutcomeSet[scenarios.Count];
        Parallel.For(0, scenarios.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            i => sets[i] = ModelOutcomes.Explore(scenarios[i].Scenario, model, budget.Bound, budget.MaxRuns));
        return sets;
    }

    /// <summary>Every outcome the kernel printed for a scenario, matched with a model run that produces it.</summary>
    public static LitmusVerdict Judge(ConcurrentScenario scenario, ModelOutcomeSet set, KernelScenario? kernel, Func<LinuxKernel> model, ExplorationBudget budget)
    {
        if (kernel is null)
            return new LitmusVerdict(scenario, set, [], [], Ran: false);
        var observed = new List<ObservedOutcome>();
        foreach (var (outcome, count) in kernel.Outcomes)
        {
            if (set.Find(outcome, scenario.Scenario) is { } known)
            {
                observed.Add(new ObservedOutcome(outcome, count, known, false, 0));
                continue;
            }
            int runs = 0;
            var witness = outcome.Results.Count == Outcome.FlatOps(scenario.Scenario).Count
                ? ModelOutcomes.SearchAnyAddressOrder(scenario.Scenario, model, outcome, budget.SearchBound, budget.SearchRuns, out runs)
                : null; // a cut line: no model run can match it
            observed.Add(new ObservedOutcome(outcome, count, witness, witness is not null, runs));
        }
        return new LitmusVerdict(scenario, set, observed, kernel.KernelAlarms, Ran: true);
    }
}
