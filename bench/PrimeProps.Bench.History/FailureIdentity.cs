using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;

namespace PrimeProps.Bench.History;

/// <summary>
/// A failure's identity, as fuzz triage keys it: the oracle and the kernel function where it
/// fired. Unmodified `modern` fails too (its two-stage GEM_CLOSE has real non-linearizable
/// windows), so a mutant counts as found only by a failure whose scenario and schedule do not
/// give the same identity on `modern`.
/// </summary>
public readonly record struct FailureIdentity(OracleKind Oracle, string Function)
{
    public static FailureIdentity? Of(RunResult run) => run.Violation is { } v ? new(v.Oracle, v.Function) : null;

    public override string ToString() => Function.Length > 0 ? $"{Oracle} in {Function}" : Oracle.ToString();

    /// <summary>Whether <paramref name="run"/> fails in a way its scenario and taken schedule do not fail on <paramref name="baseline"/>.</summary>
    public static bool OnlyOnMutant(RunResult run, Func<LinuxKernel> baseline)
    {
        if (Of(run) is not { } mine)
            return false;
        var onBase = Executor.Run(run.WithTakenSchedule(), baseline());
        return Of(onBase) != mine;
    }
}
