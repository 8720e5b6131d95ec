using System.Net;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Repro;

/// <summary>
/// One self-contained page per finding: the verdict, a swimlane of the interleaving (one lane
/// per thread, syscalls as bars from invocation to return, kernel steps as ticks, the
/// violating step marked), the kernel objects at that step as a graph, and the scenario text.
/// No scripts, no external files: it opens anywhere and can be attached to a bug report.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunResult run)
    {
        var verdict = run.Violation?.ToString() ?? "clean: no oracle fired";
        var sb = new StringBuilder();
        sb.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>PrimeProps: {{Esc(run.Violation?.Oracle.ToString() ?? "clean")}} on {{Esc(run.Protocol)}}</title>
            <style>
            body { font: 14px sans-serif; margin: 2em; color: #222; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 2em; }
            #verdict { padding: .6em 1em; border-left: 4px solid {{(run.Violation is null ? "#2a2" : "#c22")}}; background: #f6f6f6; }
            pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
            svg text { font: 11px monospace; }
            .syscall { fill: #cfe0ff; stroke: #4a7bd0; } .tick { stroke: #4a7bd0; } .lane-name { font-weight: bold; }
            #violation { stroke: #c22; stroke-width: 2; } .node rect { fill: #fff; stroke: #555; } .freed rect { fill: #eee; stroke-dasharray: 3 2; }
            .edge { stroke: #888; }
            </style></head><body>
            <h1>PrimeProps finding: protocol {{Esc(run.Protocol)}}</h1>
            <p id="verdict">{{Esc(verdict)}}</p>
            <h2>Interleaving</h2>

            """);
        sb.Append(Swimlane.Svg(run));
        sb.Append($"\n<h2>Kernel objects {(run.Violation is null ? "at the end" : "at the failing step")}</h2>\n");
        sb.Append(ObjectGraph.Svg(run.Kernel));
        sb.Append("\n<h2>Scenario</h2>\n<pre id=\"scenario\">");
        sb.Append(Esc(ScenarioPrinter.Print(run.WithTakenSchedule())));
        sb.Append("</pre>\n<h2>Trace</h2>\n<pre id=\"trace\">");
        sb.Append(Esc(TraceFormatter.Format(run)));
        sb.Append("</pre>\n</body></html>\n");
        return sb.ToString();
    }

    internal static string Esc(string s) => WebUtility.HtmlEncode(s);
}
