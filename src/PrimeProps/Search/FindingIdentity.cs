using PrimeProps.Oracles;

namespace PrimeProps.Search;

/// <summary>
/// Which bug a failure is: the oracle that fired and the kernel function where it fired.
/// Two failures with one identity are counted as one finding; a patch's failure with the
/// identity its base fails with on the same scenario and schedule is not the patch's.
/// </summary>
public sealed record FindingIdentity(OracleKind Oracle, string Function)
{
    public static FindingIdentity Of(Violation violation) => new(violation.Oracle, violation.Function);

    public override string ToString() => Function.Length > 0 ? $"{Oracle} in {Function}" : $"{Oracle}";
}
