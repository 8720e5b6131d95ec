using FsCheck;
using FsCheck.Fluent;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;

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

    /// <summary>
    /// Patch review: <typeparamref name="TPatch"/> fails only where <typeparamref name="TBase"/>
    /// fails the same way (oracle and kernel function) on the same scenario under the schedule
    /// the patch's run took, or a neighbour of it (<see cref="BaseComparison"/>). A failure the base shares is collected as "shared with base", not
    /// counted against the patch; since FsCheck shrinks by re-checking this property, a shrunk
    /// counterexample still fails on the patch and not that way on the base.
    /// <c>[Property(Arbitrary = new[] { typeof(Arbitraries&lt;MyPatch&gt;) })] public Property No_new_bug(Scenario s) =&gt; PrimeCheck.HoldsRelativeTo&lt;MyPatch, Modern&gt;(s);</c>
    /// </summary>
    public static Property HoldsRelativeTo<TPatch, TBase>(Scenario scenario) where TPatch : LinuxKernel, new() where TBase : LinuxKernel, new()
    {
        var run = Executor.Run(scenario, new TPatch());
        var comparison = new BaseComparison(() => new TBase());
        var sharedRun = run.Failed ? comparison.SameFailureOnBase(run) : null;
        var verdict = run.Violation is { } violation && sharedRun is null
            ? false.Label(violation.Oracle.ToString())
                .Label($"on {comparison.BaseName} the same scenario and schedule {(comparison.OnBase(run).Violation is { } other ? $"fails otherwise: {other}" : "runs clean")}, and no neighbouring schedule fails that way")
                .Label(FailureReport.Of<TPatch>(run))
            : true.ToProperty();
        return Classified(verdict, scenario, run, sharedRun is not null ? $"{run.Violation!.Oracle} shared with {comparison.BaseName}" : null);
    }

    /// <summary>None of <paramref name="oracles"/> fires; others may (known residual bugs the property leaves aside).</summary>
    public static Property Avoids<TProtocol>(Scenario scenario, params OracleKind[] oracles) where TProtocol : LinuxKernel, new()
    {
        var run = Executor.Run(scenario, new TProtocol());
        var verdict = run.Violation is { } v && oracles.Contains(v.Oracle)
            ? false.Label(v.Oracle.ToString()).Label(FailureReport.Of<TProtocol>(run))
            : true.ToProperty();
        return Classified(verdict, scenario, run);
    }

    private static Property Classified(Property verdict, Scenario scenario, RunResult run, string? outcome = null)
        => verdict
            .Classify(scenario.Threads.Count(t => t.Ops.Count > 0) > 1, "concurrent")
            .Classify(scenario.Faults.Count > 0, "fault")
            .Classify(run.Returns.Any(r => r.Value < 0), "errno")
            .Collect(outcome ?? run.Violation?.Oracle.ToString() ?? "clean");
}
