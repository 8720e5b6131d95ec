using System.Text;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Repro;

/// <summary>The interleaving as SVG: a lane per thread, x = step.</summary>
internal static class Swimlane
{
    private const int LaneHeight = 44, Left = 70, StepWidth = 9, Top = 10;

    public static string Svg(RunResult run)
    {
        var threads = new List<int> { Scenario.SetupThread };
        threads.AddRange(Enumerable.Range(0, run.Scenario.Threads.Count));
        threads.Add(run.Scenario.Threads.Count);
        int lastStep = Math.Max(1, run.Trace.Events.Where(e => e.Kind == TraceKind.Step).Select(e => e.Step).DefaultIfEmpty(1).Max());
        int width = Left + (lastStep + 2) * StepWidth + 240, height = Top + threads.Count * LaneHeight + 20;
        var sb = new StringBuilder($"<svg id=\"swimlane\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">\n");
        for (int lane = 0; lane < threads.Count; lane++)
        {
            int y = Top + lane * LaneHeight;
            var name = TraceFormatter.ThreadName(run, threads[lane]);
            sb.Append($"<g class=\"lane\" data-thread=\"{HtmlReport.Esc(name)}\"><text class=\"lane-name\" x=\"4\" y=\"{y + 24}\">{HtmlReport.Esc(name)}</text>\n");
            foreach (var (op, from, to, result) in Calls(run, threads[lane]))
            {
                int x = X(from), w = Math.Max(StepWidth, X(to) - x);
                var label = $"{ScenarioPrinter.PrintOp(run.Scenario.OpsOf(threads[lane])[op])} = {result} (steps {from}-{to})";
                sb.Append($"<rect class=\"syscall\" x=\"{x}\" y=\"{y + 8}\" width=\"{w}\" height=\"22\" rx=\"3\"><title>{HtmlReport.Esc(label)}</title></rect>\n");
            }
            foreach (var e in run.Trace.Events.Where(e => e.Kind == TraceKind.Step && e.Thread == threads[lane]))
                sb.Append($"<line class=\"tick\" x1=\"{X(e.Step) + StepWidth / 2}\" x2=\"{X(e.Step) + StepWidth / 2}\" y1=\"{y + 30}\" y2=\"{y + 36}\"><title>{e.Step}: {HtmlReport.Esc($"{e.Function}: {e.Action}")}</title></line>\n");
            sb.Append("</g>\n");
        }
        if (run.Violation is { Step: > 0 } v)
        {
            int x = X(v.Step) + StepWidth / 2;
            sb.Append($"<line id=\"violation\" x1=\"{x}\" x2=\"{x}\" y1=\"{Top}\" y2=\"{height - 14}\"><title>{HtmlReport.Esc(v.ToString())}</title></line>\n");
            sb.Append($"<text x=\"{Math.Max(0, x - 40)}\" y=\"{height - 2}\" fill=\"#c22\">step {v.Step}: {HtmlReport.Esc(v.Oracle.ToString())}</text>\n");
        }
        return sb.Append("</svg>\n").ToString();
    }

    private static int X(int step) => Left + step * StepWidth;

    /// <summary>Each syscall of a thread from its entry step to its return, or to the thread's last step if the run stopped inside it.</summary>
    private static IEnumerable<(int Op, int From, int To, string Result)> Calls(RunResult run, int thread)
    {
        var steps = run.Trace.Events.Where(e => e.Thread == thread && e.Op >= 0 && e.Kind != TraceKind.Fault).GroupBy(e => e.Op);
        foreach (var op in steps)
        {
            int from = op.Where(e => e.Kind == TraceKind.Step).Select(e => e.Step).DefaultIfEmpty(0).Min();
            var ret = op.FirstOrDefault(e => e.Kind == TraceKind.Return);
            bool returned = op.Any(e => e.Kind == TraceKind.Return);
            int to = returned ? ret.Step : op.Where(e => e.Kind == TraceKind.Step).Max(e => e.Step) + 1;
            yield return (op.Key, from, to, returned ? Errno.Format(ret.Value) : "(in flight)");
        }
    }
}
