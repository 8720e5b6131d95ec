using PrimeProps.Execution;

namespace PrimeProps.Search;

/// <summary>The framework, not the kernel model, produced two different runs from one scenario.</summary>
public sealed class NondeterminismException(string message) : Exception(message);

/// <summary>
/// Every failure is replayed once more from its scenario (with the schedule it took) before
/// it is reported; a different trace is a bug of the framework, reported with both traces,
/// never as a finding.
/// </summary>
public static class DeterminismCheck
{
    public static void Replay(RunResult run, Func<LinuxKernel> protocol, RunOptions? options = null)
    {
        var again = Executor.Run(run.WithTakenSchedule(), protocol(), options: options);
        if (again.Trace.Hash() == run.Trace.Hash() && again.Trace.Events.Count == run.Trace.Events.Count)
            return;
        int at = run.Trace.Events.Zip(again.Trace.Events).TakeWhile(p => p.First == p.Second).Count();
        throw new NondeterminismException(
            $"not reproducible at event {at}: first run {Describe(run, at)}, replay {Describe(again, at)} " +
            $"(traces of {run.Trace.Events.Count} and {again.Trace.Events.Count} events)");
    }

    private static string Describe(RunResult r, int at)
        => at < r.Trace.Events.Count ? $"'{r.Trace.Events[at].Format(t => Repro.TraceFormatter.ThreadName(r, t)).Trim()}'" : "ended";
}
