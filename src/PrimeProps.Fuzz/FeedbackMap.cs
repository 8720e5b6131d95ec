namespace PrimeProps.Fuzz;

/// <summary>
/// Interleaving features (PrimeProps.Fuzzing.InterleavingSignal) written into the coverage map
/// that SharpFuzz shares with AFL++, beside the branch edges of the instrumented model: a
/// feature is one map byte, counted like an edge, so AFL++ keeps an input that sets a new one
/// or reaches a new count bucket. Not under AFL++ (a crash file checked by hand) there is no
/// map, and features are dropped.
/// </summary>
internal static unsafe class FeedbackMap
{
    /// <summary>SharpFuzz's map size (AFL's MAP_SIZE, 64 KiB): edges and features share it.</summary>
    private const uint Mask = (1 << 16) - 1;

    public static void Hit(uint feature)
    {
        byte* map = SharpFuzz.Common.Trace.SharedMem;
        if (map != null)
            map[feature & Mask]++;
    }
}
