using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Fuzzing;

/// <summary>An oracle fired: the finding a fuzzer is after. Escaping the harness, it is the crash AFL++ saves.</summary>
public sealed class OracleViolationException(RunResult run)
    : Exception($"ORACLE VIOLATION on {run.Protocol}: {run.Violation}")
{
    public RunResult Run { get; } = run;
}

/// <summary>
/// Anything else that went wrong while decoding or running an input: a bug in the codec, the
/// executor or the model, not in the modelled kernel. It crashes the fuzzer too (so it is never
/// lost), but triage reports it apart from the oracle findings.
/// </summary>
public sealed class HarnessBugException(string stage, Scenario? scenario, Exception inner)
    : Exception($"HARNESS BUG (not an oracle finding) while {stage}: {inner.GetType().Name}: {inner.Message}", inner)
{
    /// <summary>The decoded scenario, when decoding got that far.</summary>
    public Scenario? Scenario { get; } = scenario;
}
