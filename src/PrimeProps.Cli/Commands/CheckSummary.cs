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
                traceEvents = r.Report.Steps,
                interrupted = r.Report.Interrupted,
                findings = r.Report.Findings.Select(f => new
                {
                    oracle = f.Violation.Oracle.ToString(),
                    @class = Oracles.OracleKindExtensions.Class(f.Violation.Oracle).ToString(),
                    message = f.Violation.Message,
                    function = f.Violation.Function,
                    thread = f.Violation.Thread,
                    step = f.Violation.Step,
                    scenarioIndex = f.ScenarioIndex,
                    found = ScenarioSize.Of(f.Found).ToString(),
                    shrunk = ScenarioSize.Of(f.Shrunk).ToString(),
                    repro = CheckCommand.ReproPath(r.OutDir, r.Report.Protocol, f),
                }),
                referenceChecked = new { runs = r.Report.Reference.Checked, withFault = r.Report.Reference.CheckedWithFault, over62Points = r.Report.Reference.CheckedLong, longestStretch = r.Report.Reference.LongestStretch },
                notReferenceChecked = new { runs = r.Report.Reference.Unchecked, reasons = r.Report.Reference.Reasons, summary = r.Report.Reference.Summary() },
                coverage = new { overlaps = r.Report.Coverage.Overlaps, results = r.Report.Coverage.Results, faults = r.Report.Coverage.Faults },
            }),
        };
        ReproFile.WriteAtomically(path, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
