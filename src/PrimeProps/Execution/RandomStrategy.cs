namespace PrimeProps.Execution;

/// <summary>Uniformly random choice among the runnable threads at every step.</summary>
public sealed class RandomStrategy(ulong seed) : ISchedulingStrategy
{
    private readonly SplitMix64 rng = new(seed);

    public int Pick(ReadOnlySpan<int> runnable, int current, int step) => runnable[rng.Next(runnable.Length)];
}
