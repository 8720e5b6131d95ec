using PrimeProps.Execution;

namespace PrimeProps.Search.Strategies;

/// <summary>Asks another strategy and remembers which threads were runnable at every step.</summary>
public sealed class RecordingStrategy(ISchedulingStrategy inner) : ISchedulingStrategy
{
    private readonly List<int[]> runnableSets = [];

    /// <summary>The runnable threads (ascending) of each step, in step order.</summary>
    public IReadOnlyList<int[]> RunnableSets => runnableSets;

    public int Pick(ReadOnlySpan<int> runnable, int current, int step)
    {
        runnableSets.Add(runnable.ToArray());
        return inner.Pick(runnable, current, step);
    }
}
