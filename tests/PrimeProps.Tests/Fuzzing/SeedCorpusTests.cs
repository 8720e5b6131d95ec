using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The committed seeds under fuzz-corpus/seeds are what `primeprops fuzz-seeds` writes, and AFL++ can use them.</summary>
public class SeedCorpusTests
{
    public static TheoryData<string> Protocols() => [.. ProtocolRegistry.Names];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void The_committed_seeds_are_up_to_date(string protocol)
    {
        var catalog = Directory.GetFiles(Corpus.Dir("catalog"), "*.scn").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), ScenarioParser.ParseFile(f)));

        var expected = SeedCorpus.For(() => ProtocolRegistry.Create(protocol), catalog);

        var committed = Directory.GetFiles(Corpus.Dir(Path.Combine("seeds", protocol))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(s => s.Name + SeedCorpus.Extension).Order(StringComparer.Ordinal), committed.Select(Path.GetFileName));
        foreach (var seed in expected)
            Assert.True(seed.Bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Corpus.PathOf(Path.Combine("seeds", protocol), seed.Name + SeedCorpus.Extension))),
                $"{protocol}/{seed.Name} is stale: run ./primeprops fuzz-seeds");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_seed_runs_clean_is_canonical_and_names_nothing(string protocol)
    {
        var target = new FuzzTarget(() => ProtocolRegistry.Create(protocol));
        foreach (var file in Directory.GetFiles(Corpus.Dir(Path.Combine("seeds", protocol))))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(target.Run(bytes).Failed, $"{file} fails on {protocol}: AFL++ would refuse it");
            var scenario = ScenarioBytes.Decode(bytes);
            Assert.Equal(bytes, ScenarioBytes.Encode(scenario));
            Assert.Equal(ScenarioPrinter.Print(ScenarioBytes.WithCanonicalNames(scenario)), ScenarioPrinter.Print(scenario));
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void The_committed_choice_tapes_are_up_to_date_and_run_clean(string protocol)
    {
        var expected = SeedCorpus.ForChoices(() => ProtocolRegistry.Create(protocol));

        var dir = Path.Combine("choices", protocol);
        var committed = Directory.GetFiles(Corpus.Dir(dir)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(s => s.Name + SeedCorpus.Extension).Order(StringComparer.Ordinal), committed.Select(Path.GetFileName));
        var target = new FuzzTarget(() => ProtocolRegistry.Create(protocol), new FuzzOptions { Input = FuzzInput.Choices });
        foreach (var seed in expected)
        {
            var bytes = File.ReadAllBytes(Corpus.PathOf(dir, seed.Name + SeedCorpus.Extension));
            Assert.True(seed.Bytes.AsSpan().SequenceEqual(bytes), $"choices/{protocol}/{seed.Name} is stale: run ./primeprops fuzz-seeds");
            Assert.False(target.Run(bytes).Failed, $"choices/{protocol}/{seed.Name} fails: AFL++ would refuse it");
        }
        Assert.Equal(SeedCorpus.ChoiceSeeds + 1, expected.Count); // "minimal" and the generated ones
    }

    [Fact]
    public void Failing_catalog_rows_become_unscheduled_seeds_or_none()
    {
        var seeds = Directory.GetFiles(Corpus.Dir(Path.Combine("seeds", "v3.6"))).Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Contains("row2-two-files-export-race-unscheduled", seeds); // races only under its schedule
        Assert.DoesNotContain(seeds, s => s!.StartsWith("row8-", StringComparison.Ordinal)); // fails sequentially too
        Assert.Equal(SeedCorpus.GeneratedSeeds, seeds.Count(s => s!.StartsWith("generated-", StringComparison.Ordinal)));
    }
}
