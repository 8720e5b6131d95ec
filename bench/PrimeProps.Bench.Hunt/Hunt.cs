using System.Diagnostics;
using PrimeProps.Execution;
using PrimeProps.Kernel;

namespace PrimeProps.Bench.Hunt;

/// <summary>One search: the runs it made, how long they took, and the run that hit the target (null: none did).</summary>
internal sealed record Hunt(int Runs, double Milliseconds, RunResult? Found)
{
    /// <summary>Runs until the target, infinite when it was not found (so medians and maxima say so).</summary>
    public double RunsToFind => Found is null ? double.PositiveInfinity : Runs;

    public static Hunt For(IEnumerable<RunResult> runs, OracleKind target)
    {
        var clock = Stopwatch.StartNew();
        int count = 0;
        foreach (var run in runs)
        {
            count++;
            if (run.Violation?.Oracle == target)
                return new Hunt(count, clock.Elapsed.TotalMilliseconds, run);
        }
        return new Hunt(count, clock.Elapsed.TotalMilliseconds, null);
    }
}
