using PrimeProps.Execution;

namespace PrimeProps.Search.Strategies;

/// <summary>
/// Probabilistic concurrency testing: the highest-priority runnable thread runs; threads get a
/// random order of initial priorities (all at least d), and at d-1 random steps the thread
/// about to run drops below every initial priority. One instance schedules one run.
/// </summary>
/// <remarks>
/// S. Burckhardt, P. Kothari, M. Musuvathi, S. Nagarakatte, "A Randomized Scheduler with
/// Probabilistic Guarantees of Finding Bugs", ASPLOS 2010. A run of n threads and at most k
/// steps hits a given bug of depth d with probability at least 1/(n k^(d-1)).
/// </remarks>
public sealed class PctStrategy : ISchedulingStrategy
{
    private readonly SplitMix64 rng;
    private readonly int depth;
    private readonly int[] changePoints; // changePoints[i] is the step (1-based) that lowers a thread to priority i+1
    private readonly List<int> byInitialPriority = []; // lowest first; every one ranks at or above d
    private readonly Dictionary<int, int> lowered = [];
    private int stepsTaken; // this phase's picks: the executor's step also counts the setup's steps

    public PctStrategy(ulong seed, int depth, int expectedSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSteps);
        rng = new SplitMix64(seed);
        this.depth = depth;
        // k steps have room for k distinct change points only (a sequential scenario has none).
        changePoints = DistinctSteps(Math.Min(depth - 1, expectedSteps), expectedSteps);
    }

    public int Pick(ReadOnlySpan<int> runnable, int current, int step)
    {
        foreach (var t in runnable)
            if (!lowered.ContainsKey(t) && !byInitialPriority.Contains(t))
                byInitialPriority.Insert(rng.Next(byInitialPriority.Count + 1), t); // keeps the order a uniform permutation

        int change = Array.IndexOf(changePoints, ++stepsTaken);
        if (change >= 0)
        {
            int top = Highest(runnable);
            byInitialPriority.Remove(top);
            lowered[top] = change + 1;
        }
        return Highest(runnable);
    }

    private int Highest(ReadOnlySpan<int> runnable)
    {
        int best = runnable[0];
        foreach (var t in runnable)
            if (Priority(t) > Priority(best))
                best = t;
        return best;
    }

    private int Priority(int thread)
        => lowered.TryGetValue(thread, out int p) ? p : depth + byInitialPriority.IndexOf(thread);

    private int[] DistinctSteps(int count, int maxStep)
    {
        var steps = new int[count];
        for (int i = 0; i < count; i++)
        {
            int s;
            do s = rng.Next(1, maxStep); while (Array.IndexOf(steps, s, 0, i) >= 0);
            steps[i] = s;
        }
        return steps;
    }
}
