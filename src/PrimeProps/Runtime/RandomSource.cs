namespace PrimeProps.Runtime;

/// <summary>
/// Where a generator's random draws come from: a seeded stream (<see cref="SplitMix64"/>, what
/// check uses) or a fuzzer's input read as the sequence of choices (<see cref="ChoiceTape"/>,
/// as Hypothesis and JQF Zest do). Generators draw through this and never ask which it is, so
/// one generator serves both, and a mutation of the fuzzer's bytes is a mutation of choices.
/// </summary>
public abstract class RandomSource
{
    /// <summary>Uniform in [0, bound), bound &gt;= 1 (0 for a bound below 1).</summary>
    public abstract int Next(int bound);

    public int Next(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>True with the given probability (percent).</summary>
    public virtual bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
