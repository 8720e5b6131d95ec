using PrimeProps.Execution;
using PrimeProps.Oracles;

namespace PrimeProps.Search;

/// <summary>
/// How many runs the reference oracle checked and how many it could not (Unknown), by reason,
/// so that a summary never passes over an unchecked run in silence. Not thread-safe: one per
/// worker, then <see cref="Merge"/>.
/// </summary>
public sealed class ReferenceCoverage
{
    private readonly SortedDictionary<string, int> unknown = new(StringComparer.Ordinal);

    /// <summary>Runs with a Pass or Fail verdict.</summary>
    public int Checked { get; private set; }

    /// <summary>Checked runs in which an injected fault fired.</summary>
    public int CheckedWithFault { get; private set; }

    /// <summary>Checked concurrent runs of more than 62 linearization points (the old limit of one search), and the largest stretch searched.</summary>
    public int CheckedLong { get; private set; }
    public int LongestStretch { get; private set; }

    /// <summary>Runs with an Unknown verdict.</summary>
    public int Unchecked => unknown.Values.Sum();

    /// <summary>Unchecked runs by reason.</summary>
    public IReadOnlyDictionary<string, int> Reasons => unknown;

    public void Add(RunResult run)
    {
        switch (run.Reference.Outcome)
        {
            case ReferenceOutcome.Pass or ReferenceOutcome.Fail:
                Checked++;
                CheckedWithFault += run.Reference.WithFault ? 1 : 0;
                CheckedLong += run.Reference.Points > 62 ? 1 : 0;
                LongestStretch = Math.Max(LongestStretch, run.Reference.LongestStretch);
                break;
            case ReferenceOutcome.Unknown:
                unknown[run.Reference.Reason] = unknown.GetValueOrDefault(run.Reference.Reason) + 1;
                break;
        }
    }

    public void Merge(ReferenceCoverage other)
    {
        Checked += other.Checked;
        CheckedWithFault += other.CheckedWithFault;
        CheckedLong += other.CheckedLong;
        LongestStretch = Math.Max(LongestStretch, other.LongestStretch);
        foreach (var (reason, n) in other.unknown)
            unknown[reason] = unknown.GetValueOrDefault(reason) + n;
    }

    /// <summary>"runs not reference-checked: N (reasons)", the line summaries print.</summary>
    public string Summary() => $"runs not reference-checked: {Unchecked}" +
        (Unchecked == 0 ? "" : $" ({string.Join(", ", unknown.Select(p => $"{p.Key}: {p.Value}"))})");
}
