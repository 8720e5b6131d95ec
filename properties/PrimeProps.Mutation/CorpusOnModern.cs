using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Tests;
using PrimeProps.Tests.Igt;

namespace PrimeProps.Mutation;

/// <summary>
/// Every corpus scenario that states an outcome for modern (catalog rows, IGT subtests,
/// regressions, the history triggers) has it on modern, and the IGT subtests return what IGT
/// asserts.
/// </summary>
public class CorpusOnModern
{
    private static readonly string[] Folders = ["catalog", "igt", "regressions", "history"];

    public static TheoryData<string, string> FilesStatingModern()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Folders)
            foreach (var file in Corpus.Files(folder))
                if (Corpus.Expectations(Corpus.PathOf(folder, file)).ContainsKey("modern"))
                    data.Add(folder, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(FilesStatingModern))]
    public void Each_scenario_has_its_stated_outcome_on_modern(string folder, string file)
    {
        var expected = Corpus.Expectations(Corpus.PathOf(folder, file))["modern"];

        var run = Executor.Run(Corpus.Load(folder, file), new Modern());

        Assert.Equal(expected, Corpus.Outcome(run));
    }

    public static TheoryData<string> IgtFiles() => [.. Corpus.Files("igt")];

    [Theory]
    [MemberData(nameof(IgtFiles))]
    public void Each_igt_subtest_returns_what_igt_asserts_on_modern(string file)
    {
        var scenario = Corpus.Load("igt", file);
        var asserts = AssertLine.ReadAll(Corpus.PathOf("igt", file), scenario);

        var run = Executor.Run(scenario, new Modern());

        var failures = asserts.Where(a => a.Names("modern")).Select(a => a.Check(run)).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
