namespace PrimeProps.Execution;

/// <summary>Picks the thread that runs next. One small class per strategy; no real threads inside.</summary>
public interface ISchedulingStrategy
{
    /// <summary>
    /// Returns one of <paramref name="runnable"/> (ascending thread indices, never empty).
    /// <paramref name="current"/> is the thread that ran the last step, or -1.
    /// </summary>
    int Pick(ReadOnlySpan<int> runnable, int current, int step);
}

/// <summary>
/// Follows a recorded schedule, one thread per step. A named thread that cannot run, and every
/// step past the end, falls back to: the running thread goes on while it can, else the
/// lowest-numbered runnable thread (so a schedule only has to spell out its preemptions).
/// </summary>
public sealed class ScriptedStrategy(IReadOnlyList<int> steps) : ISchedulingStrategy
{
    private int next;

    public int Pick(ReadOnlySpan<int> runnable, int current, int step)
    {
        if (next < steps.Count)
        {
            int wanted = steps[next++];
            if (runnable.Contains(wanted))
                return wanted;
        }
        return Fallback(runnable, current);
    }

    public static int Fallback(ReadOnlySpan<int> runnable, int current)
        => runnable.Contains(current) ? current : runnable[0];
}
