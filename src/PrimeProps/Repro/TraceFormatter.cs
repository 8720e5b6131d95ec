using System.Text;
using PrimeProps.Execution;

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

    public static string ThreadName(RunResult run, int thread)
        => thread == Scenarios.Scenario.SetupThread ? "setup"
         : thread >= run.Scenario.Threads.Count ? "exit"
         : run.Scenario.Threads[thread].Name;
}
