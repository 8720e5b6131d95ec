using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;

namespace PrimeProps.Shrinking;

/// <summary>
/// What "fails the same way" means while shrinking: the same <see cref="FindingIdentity"/>,
/// the oracle and the kernel function where it fired. The objects and the step may change as
/// the scenario gets smaller; the bug may not, so a scenario that holds two bugs of one oracle
/// never shrinks from one into the other.
/// </summary>
public readonly record struct FailureSignature(FindingIdentity Identity)
{
    public static FailureSignature Of(Violation v) => new(FindingIdentity.Of(v));

    public bool Matches(RunResult r) => Identity.Matches(r.Violation);
}
