using FsCheck;
using FsCheck.Fluent;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.FsCheck;

/// <summary>
/// FsCheck generators of scenarios. FsCheck draws a 64-bit seed and the size; the library's
/// <see cref="ScenarioGenerator"/> draws everything else from that seed (devices, files, ops,
/// references, the fault and the schedule), so there is one generator to maintain and FsCheck's
/// replay seed reproduces a scenario exactly.
/// </summary>
public static class ScenarioGen
{
    private static readonly Gen<ulong> Seed =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    /// <summary>Every op, raw references and faults included; scenarios grow with FsCheck's size.</summary>
    public static Gen<Scenario> Default { get; } = With(options => options);

    /// <summary>
    /// Scenarios drawn with adjusted options, e.g. <c>o =&gt; o.Without(OpKind.Flink)</c> to
    /// leave flink out of the threads, or <c>o =&gt; o with { FaultPercent = 0 }</c>.
    /// </summary>
    public static Gen<Scenario> With(Func<GeneratorOptions, GeneratorOptions> adjust)
        => Gen.Sized(size => Seed.Select(seed => new ScenarioGenerator(adjust(OptionsFor(size))).Generate(new SplitMix64(seed))));

    /// <summary>
    /// FsCheck's size (0 to 100 by default) as bounds of the one generator, whose defaults it
    /// keeps otherwise (typed arguments, steering, swarm, 10% bad input, 15% faults): below 20,
    /// one device with one drm file and one object, two threads of two ops at most; at 100, up
    /// to three devices of four files, three objects, four threads of seven ops. Small scenarios
    /// come first, and the catalog's races are small. Each scenario carries a schedule of up to
    /// 20 runs of up to 6 steps, so FsCheck's shrinking keeps the interleaving.
    /// </summary>
    public static GeneratorOptions OptionsFor(int size)
    {
        int s = Math.Clamp(size, 0, 100);
        return new GeneratorOptions
        {
            MaxDevices = 1 + s / 50,
            MaxFilesPerDevice = Math.Min(4, 1 + s / 20),
            MaxObjects = 1 + s / 50,
            MaxThreads = 2 + s / 50,
            MaxOpsPerThread = 2 + s / 20,
            MaxScheduleRuns = 20,
            MaxRunLength = 6,
        };
    }
}
