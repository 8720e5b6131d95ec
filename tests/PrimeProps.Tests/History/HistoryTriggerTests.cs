using PrimeProps.Bench.History;
using PrimeProps.Search;

namespace PrimeProps.Tests.History;

/// <summary>
/// The history benchmark's mutants (modern with one kernel fix undone): each smallest known
/// trigger in fuzz-corpus/history/ fails on its mutant as its file states, and runs clean on
/// modern, so "found" in the benchmark is something modern does not do.
/// </summary>
public class HistoryTriggerTests
{
    public static TheoryData<string> Mutants() => [.. HistoryMutant.All.Select(m => m.Name)];

    /// <summary>The benchmark's base: a mutant's failure counts only when modern does not fail the same way.</summary>
    private static readonly BaseComparison OnModern = new(() => new Protocols.Modern());

    private static HistoryMutant Named(string name) => HistoryMutant.All.Single(m => m.Name == name);

    [Theory]
    [MemberData(nameof(Mutants))]
    public void The_smallest_trigger_fails_on_its_mutant_as_its_file_states(string name)
    {
        var m = Named(name);
        var expected = Corpus.Expectations(Triggers.PathOf(m));
        var protocol = m.Create().Name;

        var run = Triggers.OnMutant(m);

        Assert.NotEqual("clean", expected[protocol]);
        Assert.Equal(expected[protocol], Corpus.Outcome(run));
        Assert.False(OnModern.FailsTheSameWay(run), $"{name}: modern fails the same way");
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public void The_smallest_trigger_is_clean_on_modern(string name)
    {
        var m = Named(name);
        Assert.Equal("clean", Corpus.Expectations(Triggers.PathOf(m))["modern"]);

        var run = Triggers.OnModern(m);

        Assert.Null(run.Violation);
    }

    [Fact]
    public void Every_history_file_belongs_to_one_mutant_and_the_sets_are_as_stated()
    {
        Assert.Equal(Corpus.Files("history"), HistoryMutant.All.Select(m => m.Trigger).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["flink-without-handle-count-check", "gem-close-one-stage", "handle-published-before-open"],
            HistoryMutant.All.Where(m => m.Tuning).Select(m => m.Name));
        Assert.True(HistoryMutant.All.Count(m => !m.Tuning) >= 5);
        Assert.All(HistoryMutant.All, m => Assert.Matches("^[0-9a-f]{12}$", m.Commit));
        Assert.Equal(HistoryMutant.All.Count, HistoryMutant.All.Select(m => m.Create().Name).Distinct().Count());
    }

    [Fact]
    public void A_failure_modern_shares_does_not_count_as_finding_the_mutant()
    {
        // modern's own two-stage GEM_CLOSE window: the re-import returns a closing handle.
        var shared = PrimeProps.Execution.Executor.Run(Corpus.Load("catalog", "modern-reimport-returns-a-closing-handle.scn"), new PrimeProps.Bench.History.Mutants.GemOpenNotAtomic());

        Assert.NotNull(shared.Violation);
        Assert.True(OnModern.FailsTheSameWay(shared));
    }
}
