namespace PrimeProps.Runtime;

/// <summary>
/// A tiny PRNG with a fixed algorithm (SplitMix64), so a seed gives the same stream on every
/// machine and .NET version, unlike System.Random's unspecified seeded sequence. Sealed, so
/// callers that hold a SplitMix64 (the schedulers) call its draws directly, not virtually.
/// </summary>
public sealed class SplitMix64(ulong seed) : RandomSource
{
    private ulong state = seed;

    public ulong NextUInt64() => Mix(state += Gamma);

    /// <summary>The stream's increment (2^64 / golden ratio).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's finalizer (Stafford's Mix13): a bijection of 64-bit values with full avalanche; 0 maps to 0.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound), bound &gt;= 1 (Lemire's multiply-shift; bias below 2^-32 for our bounds).</summary>
    public override int Next(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);
}
