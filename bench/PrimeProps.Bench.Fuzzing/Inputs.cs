using PrimeProps.Runtime;

namespace PrimeProps.Bench.Fuzzing;

/// <summary>
/// What the fuzzer feeds the target, without AFL++: the committed seeds of a protocol (in
/// fuzz-corpus/seeds, or fuzz-corpus/choices for the choice tapes) and
/// mutants of them (one to four bytes overwritten, inserted or deleted, as AFL++'s havoc stage
/// does), from a fixed seed, so every machine measures the same inputs.
/// </summary>
internal static class Inputs
{
    public static byte[][] For(string protocol, int count, string corpus = "seeds", ulong seed = 1)
    {
        var dir = Path.Combine(ResultsFile.RepoRoot(), "fuzz-corpus", corpus, protocol);
        var seeds = Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var rng = new SplitMix64(seed);
        var inputs = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            var bytes = seeds[i % seeds.Length].ToList();
            if (i >= seeds.Length)
                for (int m = 0, n = rng.Next(1, 4); m < n; m++)
                    Mutate(bytes, rng);
            inputs[i] = [.. bytes];
        }
        return inputs;
    }

    private static void Mutate(List<byte> bytes, SplitMix64 rng)
    {
        int at = rng.Next(0, bytes.Count);
        switch (rng.Next(0, 2))
        {
            case 0 when at < bytes.Count:
                bytes[at] = (byte)rng.Next(0, 255);
                break;
            case 1:
                bytes.Insert(at, (byte)rng.Next(0, 255));
                break;
            default:
                if (at < bytes.Count && bytes.Count > 1)
                    bytes.RemoveAt(at);
                break;
        }
    }
}
