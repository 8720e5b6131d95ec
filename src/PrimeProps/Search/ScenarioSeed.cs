namespace PrimeProps.Search;

/// <summary>
/// The random streams of one scenario, derived by hashing (run seed, scenario index, purpose):
/// scenario i of seed s depends on nothing else, so any scenario can be regenerated alone,
/// any subset (a shard, a time-limited prefix, a worker's share) runs the same, and the
/// streams of different seeds are unrelated.
/// </summary>
/// <remarks>
/// Seeding with seed * C + i, the generator's own increment C, made scenario i of seed s + 1
/// start one value into the stream of seed s: about 30% of the scenarios of neighbouring seeds
/// repeated. Hashing the pair instead puts each stream at an unrelated point of the 2^64 cycle;
/// the mixer is SplitMix64's finalizer (Stafford's Mix13, a bijection with full avalanche),
/// applied once per input word so that (s, i) and (i, s) also differ.
/// </remarks>
public static class ScenarioSeed
{
    /// <summary>What a stream is for, so the scenario's draws and its schedules never share values.</summary>
    public enum Purpose : ulong { Scenario = 1, Schedules = 2 }

    public static ulong Of(ulong seed, int index, Purpose purpose)
    {
        ulong h = Mix(seed ^ 0x243F6A8885A308D3UL);         // digits of pi: an arbitrary, fixed key
        h = Mix(h ^ (ulong)(uint)index);
        return Mix(h ^ (ulong)purpose);
    }

    /// <summary>The stream the generator draws scenario <paramref name="index"/> of <paramref name="seed"/> from.</summary>
    public static SplitMix64 ScenarioStream(ulong seed, int index) => new(Of(seed, index, Purpose.Scenario));

    /// <summary>The stream every schedule of that scenario is seeded from (independent of how many values the generator drew).</summary>
    public static SplitMix64 ScheduleStream(ulong seed, int index) => new(Of(seed, index, Purpose.Schedules));

    private static ulong Mix(ulong z) => SplitMix64.Mix(z + SplitMix64.Gamma); // the offset keeps 0 from mapping to 0
}
