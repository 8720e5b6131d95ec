using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Fuzzing;

/// <summary>
/// The choice-sequence input format (<see cref="FuzzInput.Choices"/>): the input is the tape of
/// random draws (<see cref="ChoiceTape"/>) that the typed <see cref="ScenarioGenerator"/> makes,
/// with check's options for the protocol's calls, and a schedule drawn last (so the tape's tail
/// is the interleaving). Every byte string is a well-typed, resource-correct scenario, and a
/// mutated byte is another choice of the generator, not a broken reference: AFL++'s byte
/// mutations then reach the multi-thread scenarios that check's draws reach (JQF Zest's
/// parametric generation, R. Padhye et al., ISSTA 2019). The same bytes give the same scenario.
/// </summary>
public sealed class ScenarioChoices(IReadOnlySet<OpKind> ops)
{
    /// <summary>Runs of a drawn schedule: 8 runs of up to 8 steps reach catalog row 2 (T0, T1 six times, T0); past it the fallback schedule.</summary>
    public const int ScheduleRuns = 8;

    private readonly ScenarioGenerator generator = new(OptionsFor(ops));

    /// <summary>Check's generator options for a kernel with these calls, drawing a schedule too.</summary>
    public static GeneratorOptions OptionsFor(IReadOnlySet<OpKind> ops) => new GeneratorOptions { MaxScheduleRuns = ScheduleRuns }.ForOps(ops);

    public Scenario Decode(byte[] tape) => generator.Generate(new ChoiceTape(tape));

    /// <summary>The tape on which <see cref="Decode"/> gives the scenario the generator draws from <c>SplitMix64(seed)</c>.</summary>
    public byte[] Record(ulong seed)
    {
        var recorder = new ChoiceRecorder(new SplitMix64(seed));
        generator.Generate(recorder);
        return recorder.Tape();
    }

    /// <summary>What the generator draws from <c>SplitMix64(seed)</c>: the scenario <see cref="Record"/>'s tape decodes to.</summary>
    public Scenario Generate(ulong seed) => generator.Generate(new SplitMix64(seed));
}
