using System.Diagnostics;
using PrimeProps.Execution;

namespace PrimeProps.KernelLane;

/// <summary>
/// The outcome of a lane run: the guest's kernel, how much ran, every mismatch, and the wall time
/// (boots included); what the kernel answered to each scenario (null: nothing printed), and
/// whether every batch ran to its end.
/// </summary>
public sealed record LaneReport(string KernelRelease, int Scenarios, int Syscalls, int Boots, IReadOnlyList<Mismatch> Mismatches, IReadOnlyList<string> GuestErrors, TimeSpan Wall)
{
    public IReadOnlyList<KernelScenario?> Observed { get; init; } = [];
    public bool Complete { get; init; }
}

/// <summary>
/// Runs lane scenarios on the real kernel, a batch per boot, and compares each with a fresh
/// model. The boot and the comparison are separate steps so tests can feed a canned log.
/// </summary>
public static class KernelLaneRun
{
    public static LaneReport Run(LaneCache cache, IReadOnlyList<LaneScenario> scenarios, Func<LinuxKernel> model, int batchSize, TimeSpan bootTimeout)
    {
        var clock = Stopwatch.StartNew();
        var mismatches = new List<Mismatch>();
        var errors = new List<string>();
        string release = "";
        int syscalls = 0, boots = 0;
        var observed = new List<KernelScenario?>();
        bool complete = true;
        foreach (var batch in scenarios.Chunk(batchSize))
        {
            var log = SerialLog.Parse(QemuBoot.Run(cache, BatchWriter.Write(batch), bootTimeout));
            boots++;
            release = log.KernelRelease.Length > 0 ? log.KernelRelease : release;
            mismatches.AddRange(Compare(batch, log, model));
            errors.AddRange(log.GuestErrors);
            syscalls += log.Scenarios.Sum(s => s.Calls.Count);
            var byIndex = log.Scenarios.ToDictionary(s => s.Index);
            observed.AddRange(batch.Select((_, i) => byIndex.GetValueOrDefault(i)));
            complete &= log.Complete;
        }
        return new LaneReport(release, scenarios.Count, syscalls, boots, mismatches, errors, clock.Elapsed) { Observed = observed, Complete = complete };
    }

    /// <summary>Every mismatch of one batch, given the serial log of its boot.</summary>
    public static IEnumerable<Mismatch> Compare(IReadOnlyList<LaneScenario> batch, SerialLog log, Func<LinuxKernel> model)
    {
        var byIndex = log.Scenarios.ToDictionary(s => s.Index);
        for (int i = 0; i < batch.Count; i++)
            foreach (var m in LaneComparer.Compare(batch[i], byIndex.GetValueOrDefault(i), model))
                yield return m;
        if (!log.Complete)
            yield return new Mismatch("batch", "end of batch", "no END line (the guest stopped early: see the errors)", "all scenarios run");
    }
}
