using System.Text.Json;
using PrimeProps.Repro;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Commands;

/// <summary>check --json FILE: the reports as data, for CI dashboards and scripts.</summary>
internal static class CheckSummary
{
    public static void Write(string path, ulong seed, IEnumerable<(CheckReport Report, string OutDir)> reports)
    {
        var summary = new
        {
            seed,
            protocols = reports.Select(r => new
            {
                protocol = r.Report.Protocol,
                scenarios = r.Report.Scenarios,
                scenarioIndexLimit = r.Report.IndexLimit,
                shard = r.Report.Shard.ToString(),
                schedules = r.Report.Runs,
                traceEvents = r.Report.Steps,
                interrupted = r.Report.Interrupted,
                timeUp = r.Report.TimeUp,
                findings = r.Report.Findings.Select(f => new
                {
                    identity = f.Identity.ToString(),
                    oracle = f.Violation.Oracle.ToString(),
                    @class = Kernel.OracleKindExtensions.Class(f.Violation.Oracle).ToString(),
                    message = f.Violation.Message,
                    function = f.Violation.Function,
                    thread = f.Violation.Thread,
                    step = f.Violation.Step,
                    scenarioIndex = f.ScenarioIndex,
                    scenariosFailing = f.Scenarios,
                    strategy = f.Strategy,
                    found = ScenarioSize.Of(f.Found).ToString(),
                    shrunk = ScenarioSize.Of(f.Shrunk).ToString(),
                    repro = FindingsPrinter.ReproPath(r.OutDir, r.Report.Protocol, f),
                }),
                referenceChecked = new { runs = r.Report.Reference.Checked, withFault = r.Report.Reference.CheckedWithFault, over62Points = r.Report.Reference.CheckedLong, longestStretch = r.Report.Reference.LongestStretch },
                notReferenceChecked = new { runs = r.Report.Reference.Unchecked, reasons = r.Report.Reference.Reasons, summary = r.Report.Reference.Summary() },
                coverage = new { overlaps = r.Report.Coverage.Overlaps, results = r.Report.Coverage.Results, faults = r.Report.Coverage.Faults },
                ops = r.Report.Coverage.Ops.ByOp.ToDictionary(p => p.Key, p => new { calls = p.Value.Calls, successes = p.Value.Successes, badInput = p.Value.BadInput, goodSuccessRate = p.Value.GoodSuccessRate, errors = p.Value.Errors }),
                situations = new { reached = r.Report.Coverage.SituationsReached, never = r.Report.Coverage.NeverReached() },
            }),
        };
        ReproFile.WriteAtomically(path, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
