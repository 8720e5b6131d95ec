using FsCheck;
using FsCheck.Fluent;
using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.FsCheck;

/// <summary>
/// One-line properties over a scenario, e.g.
/// <c>[Property(Arbitrary = new[] { typeof(Arbitraries&lt;V3_6&gt;) })] public Property Clean(Scenario s) =&gt; PrimeCheck.Holds&lt;V3_6&gt;(s);</c>
/// A failure is labelled with its oracle and carries the violation, the replay command and the
/// scenario text. Every case is classified (concurrent, with a fault, with a failed syscall)
/// and its outcome collected (an oracle or "clean"), so the distribution FsCheck prints shows
/// what the run covered, residual findings a property does not speak for included.
/// </summary>
public static class PrimeCheck
{
    private static readonly OracleKind[] Every = Enum.GetValues<OracleKind>();

    /// <summary>No oracle fires when <paramref name="scenario"/> runs against <typeparamref name="TProtocol"/>.</summary>
    public static Property Holds<TProtocol>(Scenario scenario) where TProtocol : LinuxKernel, new()
        => Avoids<TProtocol>(scenario, Every);

    /// <summary>None of <paramref name="oracles"/> fires; others may (known residual bugs the property leaves aside).</summary>
    public static Property Avoids<TProtocol>(Scenario scenario, params OracleKind[] oracles) where TProtocol : LinuxKernel, new()
    {
        var run = Executor.Run(scenario, new TProtocol());
        var verdict = run.Violation is { } v && oracles.Contains(v.Oracle)
            ? false.Label(v.Oracle.ToString()).Label(FailureReport.Of<TProtocol>(run))
            : true.ToProperty();
        return verdict
            .Classify(scenario.Threads.Count(t => t.Ops.Count > 0) > 1, "concurrent")
            .Classify(scenario.Faults.Count > 0, "fault")
            .Classify(run.Returns.Any(r => r.Value < 0), "errno")
            .Collect(run.Violation?.Oracle.ToString() ?? "clean");
    }
}
