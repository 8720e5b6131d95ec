using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

public enum ReferenceOutcome { NotChecked, Pass, Fail, Unknown }

/// <summary>
/// The reference oracle's verdict on one run: Pass, Fail with its violation, or Unknown with
/// a reason (a category to count) and the detail. NotChecked: the protocol does not follow the
/// reference, or another oracle failed first, so there was nothing to ask.
/// </summary>
public sealed record ReferenceVerdict(ReferenceOutcome Outcome, Violation? Violation = null, string Reason = "", string Detail = "")
{
    /// <summary>Whether an injected fault fired in one of the run's calls.</summary>
    public bool WithFault { get; init; }

    /// <summary>Linearization points of a concurrent history (0 for a sequential one), and of its longest stretch without a quiescent point.</summary>
    public int Points { get; init; }
    public int LongestStretch { get; init; }

    public static readonly ReferenceVerdict NotChecked = new(ReferenceOutcome.NotChecked);
    public static readonly ReferenceVerdict Pass = new(ReferenceOutcome.Pass);

    public static ReferenceVerdict Fail(Violation violation) => new(ReferenceOutcome.Fail, violation);

    public static ReferenceVerdict Unknown(string reason, string detail) => new(ReferenceOutcome.Unknown, null, reason, detail);

    public override string ToString() => Outcome switch
    {
        ReferenceOutcome.Fail => $"Fail: {Violation}",
        ReferenceOutcome.Unknown => $"Unknown: {Reason} ({Detail})",
        _ => Outcome.ToString(),
    };
}
