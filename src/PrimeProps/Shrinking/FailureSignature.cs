using PrimeProps.Execution;
using PrimeProps.Oracles;

namespace PrimeProps.Shrinking;

/// <summary>
/// What "fails the same way" means while shrinking: the same oracle. (Kernel function and
/// objects may change as the scenario gets smaller; the class of bug may not.)
/// </summary>
public readonly record struct FailureSignature(OracleKind Oracle)
{
    public static FailureSignature Of(Violation v) => new(v.Oracle);

    public bool Matches(RunResult r) => r.Violation is { } v && v.Oracle == Oracle;
}
