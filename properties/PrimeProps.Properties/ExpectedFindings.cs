using PrimeProps.Execution;
using Xunit.Abstractions;
using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>
/// The search finds each known bug by itself: FsCheck's runner, the scenario generator (narrowed
/// only where said) and a fixed seed, no hand-written schedule. Each search must fail within the budget with the
/// expected oracle, and shrink to no more ops than the hand-written reference scenario of the
/// bug. Deterministic: the same seed gives the same cases on every machine.
/// </summary>
public class ExpectedFindings(ITestOutputHelper output)
{
    /// <summary>Generated cases a search may take; FsCheck's size grows from 1 to 100 over them.</summary>
    private const int Budget = 10_000;
    private const ulong Seed = 20120723;

    /// <summary>On v3.6 the catalog's rows 1 and 8 unnarrowed (rows 5, 6 and 8 all leak; row 8 is what the search meets first); rows 2-4 below.</summary>
    public static TheoryData<OracleKind, string> CatalogRowsOnV3_6 => new()
    {
        { OracleKind.GetOnZero, "catalog/row1-export-vs-last-fd-close.scn" },
        { OracleKind.Leak, "catalog/row8-self-import-reference.scn" },
    };

    /// <summary>On seed-2012 what the patch leaves: catalog rows 4 and 6b, and two findings the catalog lacks.</summary>
    public static TheoryData<OracleKind, string> ResidualsOnSeed2012 => new()
    {
        { OracleKind.StaleCacheEntry, "catalog/row4-export-vs-gem-close.scn" },
        { OracleKind.UseAfterFree, "catalog/row6b-flink-name-before-reference.scn" },
        { OracleKind.TwoDmaBufsForOneObject, "regressions/seed-2012-export-vs-gem-close-two-dma-bufs.scn" },
        { OracleKind.Leak, "regressions/seed-2012-export-enomem-leaks.scn" },
    };

    [Theory]
    [MemberData(nameof(CatalogRowsOnV3_6))]
    public void On_v3_6_the_search_finds_each_catalog_row(OracleKind oracle, string reference)
        => AssertFoundAndShrunk<V3_6>(oracle, reference);

    /// <summary>
    /// Row 2 is exports racing in two files. An export racing the close of the last fd reaches
    /// the same oracle sooner, in 5 ops (the dying dma-buf still counts), so this search draws
    /// exports alone to show the row itself.
    /// </summary>
    [Fact]
    public void On_v3_6_the_search_finds_row_2_among_exports_alone()
        => AssertFoundAndShrunk<V3_6>(OracleKind.TwoDmaBufsForOneObject, "catalog/row2-two-files-export-race.scn",
            ScenarioGen.With(o => o with { OpWeights = [(OpKind.HandleToFd, 1)] }));

    /// <summary>
    /// Row 4 is an export racing GEM_CLOSE. Closing the exported fd while another call runs
    /// leaves v3.6's cache naming a freed dma-buf (row 5's family), the same oracle in 5 ops,
    /// and the unnarrowed search meets that first; this search draws creates, exports and
    /// GEM_CLOSEs to show row 4 itself.
    /// </summary>
    [Fact]
    public void On_v3_6_the_search_finds_row_4_among_exports_and_gem_closes()
        => AssertFoundAndShrunk<V3_6>(OracleKind.StaleCacheEntry, "catalog/row4-export-vs-gem-close.scn",
            ScenarioGen.With(o => o with { OpWeights = [(OpKind.CreateDumb, 1), (OpKind.HandleToFd, 1), (OpKind.GemClose, 1)] }));

    /// <summary>
    /// Row 3 needs a thread to close an fd number it guessed, the one another thread's export
    /// is being handed: a raw number, which only the deliberately bad share of calls (10%)
    /// draws. This search draws exports and closes alone, with half of the calls bad.
    /// (`check`, with its schedule portfolio, meets row 3 unnarrowed: seed 1, scenario 499 of 500.)
    /// </summary>
    [Fact]
    public void On_v3_6_the_search_finds_row_3_among_exports_and_guessed_closes()
        => AssertFoundAndShrunk<V3_6>(OracleKind.DanglingPointer, "catalog/row3-close-before-bookkeeping.scn",
            ScenarioGen.With(o => o with { OpWeights = [(OpKind.HandleToFd, 1), (OpKind.Close, 1)], BadInputPercent = 50 }));

    [Theory]
    [MemberData(nameof(ResidualsOnSeed2012))]
    public void On_seed_2012_the_search_finds_what_the_patch_leaves(OracleKind oracle, string reference)
        => AssertFoundAndShrunk<Seed2012>(oracle, reference);

    private void AssertFoundAndShrunk<TProtocol>(OracleKind oracle, string reference, Gen<Scenario>? scenarios = null)
        where TProtocol : LinuxKernel, new()
    {
        // A bare predicate, not PrimeCheck: a search that is meant to fail saves no regression file.
        var arbitrary = ScenarioArbitrary.For<TProtocol>(scenarios);
        var search = FsCheckSearch.Run(Prop.ForAll(arbitrary, s => Executor.Run(s, new TProtocol()).Violation?.Oracle != oracle), Budget, Seed);
        int referenceOps = CorpusFiles.Load(reference).OpCount;

        Assert.True(search.Shrunk is not null, $"no {oracle} within {Budget} cases");
        output.WriteLine($"{oracle}: found at case {search.Cases} of {Budget}, shrunk in {search.Shrinks} steps to {search.Shrunk.OpCount} ops ({reference}: {referenceOps})");
        output.WriteLine(ScenarioPrinter.Print(search.Shrunk));
        Assert.Equal(oracle, Executor.Run(search.Shrunk, new TProtocol()).Violation?.Oracle);
        Assert.InRange(search.Cases, 1, Budget);
        Assert.InRange(search.Shrunk.OpCount, 1, referenceOps);
    }
}
