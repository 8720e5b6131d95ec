using System.Text;
using PrimeProps.Execution;
using PrimeProps.Tracing;

namespace PrimeProps.Repro;

/// <summary>The trace of a run as text, one line per step, with the violation at the end.</summary>
public static class TraceFormatter
{
    public static string Format(RunResult run)
    {
        var sb = new StringBuilder();
        foreach (var e in run.Trace.Events)
            sb.AppendLine(e.Format(t => ThreadName(run, t)));
        sb.AppendLine(run.Violation is { } v ? $"VIOLATION: {v}" : "clean: no oracle fired");
        return sb.ToString();
    }

    /// <summary>
    /// The trace with one column per thread (setup, each thread, exit), so an interleaving
    /// reads left to right; then the kernel objects as they stood at the end or at the failure.
    /// </summary>
    public static string Columns(RunResult run, int width = 58)
    {
        var columns = new List<int> { Scenarios.Scenario.SetupThread };
        columns.AddRange(Enumerable.Range(0, run.Scenario.Threads.Count));
        columns.Add(run.Scenario.Threads.Count);
        var sb = new StringBuilder();
        sb.AppendLine(("step  " + string.Concat(columns.Select(c => Cell(ThreadName(run, c), width)))).TrimEnd());
        foreach (var e in run.Trace.Events)
        {
            var cells = columns.Select(c => Cell(c != e.Thread ? "" : e.Kind switch
            {
                TraceKind.Step => $"{e.Function}: {e.Action}",
                TraceKind.Return => $"= {Kernel.Errno.Format(e.Value)}  ({e.Action})",
                _ => $"fault: {e.Action} -ENOMEM",
            }, width));
            sb.AppendLine(((e.Kind == TraceKind.Step ? $"{e.Step,4}  " : "      ") + string.Concat(cells)).TrimEnd());
        }
        sb.AppendLine(run.Violation is { } v ? $"VIOLATION: {v}" : "clean: no oracle fired");
        sb.AppendLine(run.Violation is null ? "kernel state at the end:" : "kernel state at the failing step:");
        sb.Append(KernelStateFormatter.Format(run.Kernel));
        return sb.ToString();
    }

    private static string Cell(string text, int width) => text.Length >= width ? text[..(width - 2)] + "… " : text.PadRight(width);

    public static string ThreadName(RunResult run, int thread)
        => thread == Scenarios.Scenario.SetupThread ? "setup"
         : thread >= run.Scenario.Threads.Count ? "exit"
         : run.Scenario.Threads[thread].Name;
}
