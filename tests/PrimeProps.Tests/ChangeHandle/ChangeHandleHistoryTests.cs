using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Tests.ChangeHandle;

/// <summary>
/// GEM_CHANGE_HANDLE's fix history as protocol variants: `check` with its defaults finds each
/// catalog row's failure on the variant that undoes the fix (the row's identity within the
/// first scenarios of seed 1), and the rows are clean on modern (CatalogTests replays them).
/// </summary>
public class ChangeHandleHistoryTests
{
    [Theory]
    [InlineData("modern-change-handle-as-merged", "change-handle-1-lookup-reference-leak.scn", "Leak in do_exit")]
    [InlineData("modern-change-handle-no-int-max-check", "change-handle-2-new-handle-above-int-max.scn", "KernelWarning in idr_alloc <- drm_gem_change_handle_ioctl")]
    [InlineData("modern-change-handle-old-handle-live", "change-handle-3-gem-close-of-the-old-handle.scn", "UseAfterFree in after fput")]
    [InlineData("modern-change-handle-new-slot-unpublished", "change-handle-4-new-slot-left-null.scn", "HandleCountMismatch in after fput")]
    [InlineData("modern-change-handle-lookup-unlocked", "change-handle-5-gem-close-between-lookup-and-replace.scn", "UseAfterFree in after fput")]
    public void Check_finds_the_rows_failure_on_its_variant(string variant, string row, string identity)
    {
        // The row itself fails there with that identity...
        var replay = TestScenarios.Run(variant, Corpus.Load("catalog", row));
        Assert.Equal(identity, Oracles.FindingIdentity.Of(replay.Violation!).ToString());

        // ...and so does a check with the default options, within its first 60 scenarios of seed 1.
        var report = new Checker(() => ProtocolRegistry.Create(variant), new CheckOptions { Scenarios = 60, Seed = 1, Jobs = 2 }).Run();
        Assert.Contains(report.Findings, f => f.Identity.ToString() == identity);
    }

    [Fact]
    public void The_variants_derive_from_modern_and_are_nameable_but_not_among_the_eras()
    {
        Assert.All(ProtocolRegistry.HistoryVariants, name =>
        {
            Assert.IsAssignableFrom<Modern>(ProtocolRegistry.Create(name));
            Assert.Equal(name, ProtocolRegistry.Create(name).Name);
            Assert.Equal("modern", ProtocolCatalog.BuiltIn.BuiltInAncestor(name));
        });
        Assert.Empty(ProtocolRegistry.Names.Intersect(ProtocolRegistry.HistoryVariants));
    }
}
