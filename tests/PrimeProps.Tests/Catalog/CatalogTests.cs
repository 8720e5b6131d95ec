using PrimeProps.Kernel;

namespace PrimeProps.Tests.Catalog;

/// <summary>
/// The seed-era bug catalog (README, "The seed-era bug catalog") as hand-written scenarios with explicit
/// schedules. Each file states its outcome per protocol; these tests hold the model to it.
/// </summary>
public class CatalogTests
{
    public static TheoryData<string, string> FilesAndProtocols() => Corpus.FilesAndProtocols("catalog");

    [Theory]
    [MemberData(nameof(FilesAndProtocols))]
    public void Each_catalog_scenario_has_its_stated_outcome(string file, string protocol)
    {
        var expected = Corpus.ExpectedOutcome("catalog", file, protocol);

        var run = TestScenarios.Run(protocol, Corpus.Load("catalog", file));

        Assert.Equal(expected, Corpus.Outcome(run));
    }

    [Fact]
    public void Every_catalog_row_the_issue_names_has_a_scenario()
    {
        var names = Corpus.Files("catalog");
        foreach (var row in new[] { "row1-", "row2-", "row3-", "row4-", "row5-", "row6-", "row8-" })
            Assert.Contains(names, n => n.StartsWith(row));
    }

    // The violations name what a kernel developer would look for, not only the oracle.
    [Theory]
    [InlineData("row1-export-vs-last-fd-close.scn", OracleKind.GetOnZero, "get_file <- get_dma_buf", "f_count is already 0")]
    [InlineData("row2-two-files-export-race.scn", OracleKind.TwoDmaBufsForOneObject, "dma_buf_export", "obj#1 has 2 live dma-bufs: dmabuf#1, dmabuf#2")]
    [InlineData("row3-close-before-bookkeeping.scn", OracleKind.DanglingPointer, "drm_prime_add_imported_buf_handle", "being released (f_count 0)")]
    [InlineData("row4-export-vs-gem-close.scn", OracleKind.StaleCacheEntry, "", "handle 1 is not open")]
    [InlineData("row6-flink-vs-gem-close.scn", OracleKind.Leak, "do_exit", "flink name 1")]
    [InlineData("row6b-flink-name-before-reference.scn", OracleKind.UseAfterFree, "kref_get", "obj#1 is touched after it was freed")]
    [InlineData("row8-self-import-reference.scn", OracleKind.Leak, "do_exit", "dmabuf#1 (f_count 1, priv obj#1)")]
    public void On_v3_6_the_violation_names_the_function_and_the_objects(string file, OracleKind oracle, string function, string message)
    {
        var run = TestScenarios.Run("v3.6", Corpus.Load("catalog", file));

        var v = Assert.IsType<Violation>(run.Violation);
        Assert.Equal(oracle, v.Oracle);
        Assert.Contains(function, v.Function);
        Assert.Contains(message, v.Message);
    }

    [Fact]
    public void Row_1_fails_in_the_racing_export_while_the_close_is_still_in_flight()
    {
        var run = TestScenarios.Run("v3.6", Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"));

        Assert.Equal("T1", run.Violation!.Thread);
        // T0's close has dropped f_count but its deferred release has not run: no return yet.
        Assert.Null(run.ReturnOf(0, 0));
    }
}
