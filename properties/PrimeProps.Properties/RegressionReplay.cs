using PrimeProps.Execution;

namespace PrimeProps.Properties;

/// <summary>
/// Every saved failure replays to its stated outcome before any search runs anew: each file of
/// fuzz-corpus/regressions/ (what properties saved) and fuzz-corpus/catalog/ (the seed-era rows),
/// against each protocol its "# expect PROTOCOL: OUTCOME" lines name.
/// </summary>
public class RegressionReplay
{
    public static TheoryData<string, string> FilesAndProtocols()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in CorpusFiles.In("regressions").Concat(CorpusFiles.In("catalog")))
            foreach (var protocol in RegressionCorpus.Expectations(CorpusFiles.PathOf(file)).Keys.Order(StringComparer.Ordinal))
                data.Add(file, protocol);
        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndProtocols))]
    public void Each_saved_scenario_replays_to_its_stated_outcome(string file, string protocol)
    {
        var kernel = Create(protocol);
        Assert.True(kernel is not null, $"{file} names the unknown protocol '{protocol}'");

        var run = Executor.Run(CorpusFiles.Load(file), kernel);

        Assert.Equal(RegressionCorpus.Expectations(CorpusFiles.PathOf(file))[protocol], run.Violation?.Oracle.ToString() ?? "clean");
    }

    [Fact]
    public void Every_saved_scenario_states_an_outcome()
    {
        var silent = CorpusFiles.In("regressions").Concat(CorpusFiles.In("catalog"))
            .Where(f => RegressionCorpus.Expectations(CorpusFiles.PathOf(f)).Count == 0);
        Assert.Empty(silent);
    }

    /// <summary>The built-in protocols, and the one this suite declares itself.</summary>
    private static LinuxKernel? Create(string name)
        => ProtocolRegistry.TryCreate(name) ?? (name == new Seed2012WithFlinkFix().Name ? new Seed2012WithFlinkFix() : null);
}
