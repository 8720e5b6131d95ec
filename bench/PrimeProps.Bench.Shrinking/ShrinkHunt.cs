using System.Diagnostics;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// One driver's hunt from one seed: cases, executor runs and time until the first failure, and
/// the size and cost (runs, time) of its shrunk repro.
/// </summary>
internal sealed record ShrinkHunt(bool Found, long Cases, double MsToFind, int ShrunkOps, double MsToShrink, string Repro, long RunsToFind, long RunsToShrink);

/// <summary>
/// What a driver reports while a library runs it (FsCheck and CsCheck call back, they do not
/// return their counterexample's size): the cases tried (one executor run each, shrink
/// attempts included), the first failure's time, and the
/// latest failing op list — both libraries only ever move to a smaller failing case, so the
/// latest is the one they end with.
/// </summary>
internal sealed class FailureSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double? msToFind;
    private long casesToFind;

    public long Cases { get; private set; }
    public IReadOnlyList<SymOp>? Smallest { get; private set; }

    public void NewCase() => Cases++;

    public void Failed(IReadOnlyList<SymOp> ops)
    {
        if (msToFind is null)
        {
            msToFind = clock.Elapsed.TotalMilliseconds;
            casesToFind = Cases;
        }
        if (Smallest is null || ops.Count <= Smallest.Count)
            Smallest = [.. ops];
    }

    public ShrinkHunt Result() => msToFind is { } found
        ? new(true, casesToFind, found, Smallest!.Count, clock.Elapsed.TotalMilliseconds - found, string.Join("; ", Smallest), casesToFind, Cases - casesToFind)
        : new(false, Cases, clock.Elapsed.TotalMilliseconds, 0, 0, "", Cases, 0);
}
