using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

public class ScenarioSeedTests
{
    private const int Scenarios = 2000;

    public static TheoryData<ulong> Seeds() => [0, 1, 7, 1000, 2012, 0x9E3779B97F4A7C15UL];

    private static IEnumerable<ulong> StreamStarts(ulong seed, int values)
        => from i in Enumerable.Range(0, Scenarios)
           let stream = ScenarioSeed.ScenarioStream(seed, i)
           from v in Enumerable.Range(0, values).Select(_ => stream.NextUInt64())
           select v;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Neighbouring_seeds_draw_their_scenarios_from_unrelated_streams(ulong seed)
    {
        // Seeding with seed * C + i (C the stream's own increment) made scenario i of seed s + 1
        // the stream of seed s shifted by one value; here no value is shared at all.
        var values = StreamStarts(seed, 16).ToHashSet();
        Assert.Equal(Scenarios * 16, values.Count);
        Assert.DoesNotContain(StreamStarts(seed + 1, 16), values.Contains);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Neighbouring_seeds_share_no_scenario(ulong seed)
    {
        // Scenarios with one or two thread ops come from a space of a few thousand, so a handful
        // repeat by chance (within one seed too); anything larger repeating means shared draws.
        var generator = new ScenarioGenerator(new GeneratorOptions());
        var first = Enumerable.Range(0, Scenarios).Select(i => generator.Generate(ScenarioSeed.ScenarioStream(seed, i)))
            .Where(s => s.Threads.Sum(t => t.Ops.Count) > 2).Select(s => ScenarioPrinter.Print(s)).ToHashSet();
        var next = Enumerable.Range(0, Scenarios).Select(i => ScenarioPrinter.Print(generator.Generate(ScenarioSeed.ScenarioStream(seed + 1, i))));

        Assert.True(first.Count > Scenarios / 2);
        Assert.DoesNotContain(next, first.Contains);
    }

    [Fact]
    public void The_scenario_and_schedule_streams_of_one_index_differ_and_depend_on_seed_and_index_only()
    {
        Assert.NotEqual(ScenarioSeed.Of(3, 5, ScenarioSeed.Purpose.Scenario), ScenarioSeed.Of(3, 5, ScenarioSeed.Purpose.Schedules));
        Assert.NotEqual(ScenarioSeed.Of(3, 5, ScenarioSeed.Purpose.Scenario), ScenarioSeed.Of(5, 3, ScenarioSeed.Purpose.Scenario));
        Assert.Equal(ScenarioSeed.Of(3, 5, ScenarioSeed.Purpose.Scenario), ScenarioSeed.Of(3, 5, ScenarioSeed.Purpose.Scenario));
        // Pinned: the streams must not change between machines or versions, or recorded seeds stop meaning anything.
        Assert.Equal(0xFBAF03EC78830A59UL, ScenarioSeed.Of(1, 0, ScenarioSeed.Purpose.Scenario));
    }
}
