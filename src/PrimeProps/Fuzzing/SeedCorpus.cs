using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Search;

namespace PrimeProps.Fuzzing;

/// <summary>One starting input for the fuzzer: a file name and its bytes.</summary>
public sealed record Seed(string Name, byte[] Bytes);

/// <summary>
/// The fuzzer's starting inputs for one protocol: the catalog scenarios and a few small
/// generated ones, with canonical names (no bytes spent on names). AFL++ wants seeds that do
/// not crash, so each must run clean on the protocol: a catalog scenario that fails is tried
/// without its schedule and faults (its ops still lead the fuzzer to the racy code), and is
/// left out if it fails even so. Only the inputs decide the seeds, so the set is reproducible.
/// </summary>
public static class SeedCorpus
{
    public const int GeneratedSeeds = 6;
    /// <summary>Seed files are raw bytes, as AFL++ reads them.</summary>
    public const string Extension = ".bin";
    /// <summary>Generator seeds tried for the generated ones; a protocol that fails nearly everything gets fewer.</summary>
    private const int GeneratorAttempts = 1000;

    public static IReadOnlyList<Seed> For(Func<LinuxKernel> protocol, IEnumerable<(string Name, Scenario Scenario)> catalog)
    {
        var target = new FuzzTarget(protocol);
        var seeds = new List<Seed>();
        var seen = new HashSet<string>();
        void AddIfClean(string name, Scenario s)
        {
            var bytes = ScenarioBytes.Encode(ScenarioBytes.WithCanonicalNames(s));
            if (!target.Run(bytes).Failed && seen.Add(Convert.ToHexString(bytes)))
                seeds.Add(new Seed(name, bytes));
        }

        foreach (var (name, scenario) in catalog)
        {
            int before = seeds.Count;
            AddIfClean(name, scenario);
            if (seeds.Count == before)
                AddIfClean(name + "-unscheduled", scenario with { Schedule = [], Faults = [] });
        }
        // The calls this protocol's kernel has: modern's generated seeds start AFL++ on GEM_CHANGE_HANDLE too.
        var generator = new ScenarioGenerator(new GeneratorOptions { MaxOpsPerThread = 4 }.ForOps(protocol().Ops));
        int fromCatalog = seeds.Count;
        for (ulong seed = 0; seeds.Count - fromCatalog < GeneratedSeeds && seed < GeneratorAttempts; seed++)
            AddIfClean($"generated-{seed}", generator.Generate(new SplitMix64(seed)));
        return seeds;
    }

    /// <summary>Tapes per protocol for <see cref="FuzzInput.Choices"/>: enough that AFL++ starts from varied scenarios.</summary>
    public const int ChoiceSeeds = 16;

    /// <summary>
    /// The starting inputs of <see cref="FuzzInput.Choices"/>: the shortest tape ("minimal", one
    /// zero byte: every draw its smallest) and the tapes of the scenarios the generator draws
    /// from seeds 0, 1, 2, ... (<see cref="ScenarioChoices.Record"/>) that run clean on the
    /// protocol under their own schedule. Catalog scenarios have no tape (the generator is not
    /// inverted), so they are left to the byte format.
    /// </summary>
    public static IReadOnlyList<Seed> ForChoices(Func<LinuxKernel> protocol)
    {
        var target = new FuzzTarget(protocol, new FuzzOptions { Input = FuzzInput.Choices });
        var choices = new ScenarioChoices(protocol().Ops);
        var seeds = new List<Seed>();
        var seen = new HashSet<string>();
        void AddIfClean(string name, byte[] tape)
        {
            if (tape.Length > 0 && !target.Run(tape).Failed && seen.Add(Convert.ToHexString(tape)))
                seeds.Add(new Seed(name, tape));
        }

        AddIfClean("minimal", [0]);
        for (ulong seed = 0; seeds.Count < ChoiceSeeds + 1 && seed < GeneratorAttempts; seed++)
            AddIfClean($"generated-{seed}", choices.Record(seed));
        return seeds;
    }
}
