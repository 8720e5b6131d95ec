using System.Diagnostics;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Bench.History;

/// <summary>One `check` of one mutant with one seed: whether it found the mutant, how soon, and what the find shrank to.</summary>
/// <param name="Smallest">Of every finding the check kept (all are the mutant's own), the one whose shrunk repro is smallest: what a reviewer reads first.</param>
public sealed record Hunt(ulong Seed, int Scenarios, double Seconds, Finding? Detection, double SecondsToDetection, bool ShrunkKeepsIdentity)
{
    public Finding? Smallest { get; init; }
}

public sealed record HistoryLine(HistoryMutant Mutant, ScenarioSize TriggerSize, string TriggerIdentity, IReadOnlyList<Hunt> Hunts);

public static class HistoryBench
{
    /// <summary>Ten seeds spread apart, none of them one a tuning run uses by default (1).</summary>
    public static readonly IReadOnlyList<ulong> SpreadSeeds = [.. Enumerable.Range(1, 10).Select(i => (ulong)(i * 1000))];

    public static IReadOnlyList<HistoryLine> Run(IReadOnlyList<ulong> seeds, TextWriter log, Func<HistoryMutant, bool>? which = null)
    {
        // Warm the JIT up so the first hunt is not charged for compiling the model.
        CheckDefaults.For(() => new Modern(), 1).RunOne(0);

        var lines = new List<HistoryLine>();
        foreach (var m in HistoryMutant.All.Where(which ?? (_ => true)))
        {
            var trigger = Triggers.OnMutant(m);
            var hunts = new List<Hunt>();
            foreach (var seed in seeds)
            {
                var hunt = HuntOne(m, seed);
                log.WriteLine($"{m.Name} seed {seed}: {(hunt.Detection is { } d ? $"found at scenario {d.ScenarioIndex + 1} ({FindingIdentity.Of(d.Found.Violation!)}), {hunt.SecondsToDetection:0.0} s" : "not found")}, {hunt.Scenarios} scenarios in {hunt.Seconds:0.0} s");
                hunts.Add(hunt);
            }
            lines.Add(new HistoryLine(m, ScenarioSize.Of(trigger), trigger.Violation is { } v ? FindingIdentity.Of(v).ToString() : "clean", hunts));
        }
        return lines;
    }

    private static readonly BaseComparison OnModern = new(() => new Modern());

    /// <summary>The first finding that `modern` does not share, if any, with the time at which its scenario had run.</summary>
    public static Hunt HuntOne(HistoryMutant m, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        var doneAt = new Dictionary<int, double>();
        var report = CheckDefaults.For(m.Create, seed).Run(done =>
        {
            lock (doneAt)
                doneAt.TryAdd(done, clock.Elapsed.TotalSeconds);
        });
        double total = clock.Elapsed.TotalSeconds;
        var detection = report.Findings.OrderBy(f => f.ScenarioIndex).FirstOrDefault(); // the base already dropped what modern shares
        if (detection is null)
            return new Hunt(seed, report.Scenarios, total, null, double.PositiveInfinity, false);
        double at = doneAt.TryGetValue(detection.ScenarioIndex + 1, out var s) ? s : total;
        var smallest = report.Findings.MinBy(f => ScenarioSize.Of(f.Shrunk));
        return new Hunt(seed, report.Scenarios, total, detection, at, !OnModern.FailsTheSameWay(detection.Shrunk)) { Smallest = smallest };
    }
}
