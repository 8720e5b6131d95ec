using System.Text.RegularExpressions;
using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// What makes two failures the same bug: the oracle and the kernel function where it fired.
/// One definition for everything that groups failures: `check` keeps one finding per identity,
/// fuzz triage groups crashes by it, and the shrinker only accepts candidates that keep it
/// (two bugs with the same oracle in different functions never merge or shrink into each other).
/// </summary>
public readonly partial record struct FindingIdentity(OracleKind Oracle, string Function) : IComparable<FindingIdentity>
{
    public static FindingIdentity Of(Violation v) => new(v.Oracle, v.Function);

    public bool Matches(Violation? v) => v is not null && v.Oracle == Oracle && v.Function == Function;

    /// <summary>"GetOnZero-get_file-get_dma_buf": a file-name-safe form (the function's words joined by '-', at most 80 characters; the oracle alone for a failure found after the run).</summary>
    public string FileStem
    {
        get
        {
            var slug = string.Join('-', NotNameChars().Split(Function).Where(p => p.Length > 0));
            return slug.Length == 0 ? Oracle.ToString() : $"{Oracle}-{slug[..Math.Min(slug.Length, 80)]}";
        }
    }

    public int CompareTo(FindingIdentity other)
    {
        int byOracle = Oracle.CompareTo(other.Oracle);
        return byOracle != 0 ? byOracle : string.CompareOrdinal(Function, other.Function);
    }

    public override string ToString() => Function.Length > 0 ? $"{Oracle} in {Function}" : Oracle.ToString();

    [GeneratedRegex("[^A-Za-z0-9_.]+")]
    private static partial Regex NotNameChars();
}
