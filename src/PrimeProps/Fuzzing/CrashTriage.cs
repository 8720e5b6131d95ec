using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Shrinking;

namespace PrimeProps.Fuzzing;

/// <summary>
/// Turns a campaign's crash inputs into distinct, minimal findings: each input is decoded and
/// replayed on the normal (uninstrumented) build; runs are grouped by oracle and kernel
/// function; the smallest run of each group gets canonical names (mutated name bytes are
/// noise) and is shrunk; groups whose repros shrink to the same oracle and function merge,
/// keeping the smaller repro. Deterministic for the same inputs in the same order.
/// </summary>
public static class CrashTriage
{
    /// <param name="options">The campaign's: an input that failed under one of its extra schedules fails the same way here.</param>
    public static TriageReport Triage(Func<LinuxKernel> protocol, IEnumerable<CrashInput> crashes, FuzzOptions? options = null)
    {
        var target = new FuzzTarget(protocol, options);
        var groups = new List<List<(RunResult Run, string Source)>>();
        var bugs = new List<HarnessBug>();
        var clean = new List<string>();
        foreach (var crash in crashes)
        {
            RunResult run;
            try
            {
                run = target.Run(crash.Bytes);
            }
            catch (HarnessBugException e)
            {
                bugs.Add(new HarnessBug(crash.Source, e.Message));
                continue;
            }
            if (run.Violation is not { } v)
                clean.Add(crash.Source);
            else if (groups.Find(g => FindingIdentity.Of(g[0].Run.Violation!) == FindingIdentity.Of(v)) is { } group)
                group.Add((run, crash.Source));
            else
                groups.Add([(run, crash.Source)]);
        }

        var findings = new List<TriagedFinding>();
        foreach (var group in groups)
        {
            var finding = Shrink(protocol, group, bugs);
            int same = findings.FindIndex(f => f.Key == finding.Key);
            if (same < 0)
                findings.Add(finding);
            else
                findings[same] = Merge(findings[same], finding);
        }
        findings.Sort((a, b) => string.CompareOrdinal(a.FileStem, b.FileStem));
        return new TriageReport(findings, bugs, clean);
    }

    private static TriagedFinding Shrink(Func<LinuxKernel> protocol, List<(RunResult Run, string Source)> group, List<HarnessBug> bugs)
    {
        var (smallest, source) = group.MinBy(g => ScenarioSize.Of(g.Run));
        var sources = group.Select(g => g.Source).ToList();
        var renamed = Executor.Run(ScenarioBytes.WithCanonicalNames(smallest.Scenario), protocol());
        if (renamed.Violation?.Oracle == smallest.Violation!.Oracle)
            smallest = renamed;
        else // names cannot change a run: if they did, the model has a bug
            bugs.Add(new HarnessBug(source, $"HARNESS BUG (not an oracle finding): canonical names turned {smallest.Violation.Oracle} into {renamed.Violation?.Oracle.ToString() ?? "a clean run"}"));
        var shrinker = new Shrinker(protocol);
        try
        {
            return new TriagedFinding(shrinker.Shrink(smallest), sources, shrinker.Runs);
        }
        catch (Exception e) // a candidate the model cannot run: report it, keep the finding unshrunk
        {
            bugs.Add(new HarnessBug(source, $"HARNESS BUG (not an oracle finding) while shrinking: {e.GetType().Name}: {e.Message}"));
            return new TriagedFinding(smallest with { Scenario = smallest.WithTakenSchedule() }, sources, shrinker.Runs);
        }
    }

    private static TriagedFinding Merge(TriagedFinding a, TriagedFinding b)
    {
        var smaller = ScenarioSize.Of(b.Shrunk) < ScenarioSize.Of(a.Shrunk) ? b : a;
        return smaller with { Sources = [.. a.Sources, .. b.Sources], ShrinkRuns = a.ShrinkRuns + b.ShrinkRuns };
    }
}
