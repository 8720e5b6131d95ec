using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>
/// The export cache on seed-2012: one dma-buf per object, live prime cache entries, handle
/// counts that match the handles. The seed fixes the cache against racing exports (row 2, and
/// the stale entry after the last fd closes, stale-entry-after-fd-close.scn) but not against a
/// handle that appears or disappears during an export: GEM_CLOSE racing an export leaves a
/// stale entry (rows 4 and 5) or drops obj->dma_buf while its dma-buf lives on, so the next
/// export makes a second one (regressions/seed-2012-export-vs-gem-close-two-dma-bufs.scn); and
/// a handle is published before handle_count counts it (drm_gem_handle_create, v3.6's GEM
/// core), which the seed's handle_count re-check mistakes for a closed object
/// (regressions/seed-2012-new-handle-not-yet-counted-two-dma-bufs.scn). So the threads here
/// export, close, dup and open, on handles the setup made and shared between files.
/// </summary>
public class CacheProperties
{
    [Property(MaxTest = 1000, Replay = Replays.Fixed)]
    public Property Racing_exports_and_fd_closes_keep_one_dma_buf_per_object_and_a_live_cache()
        => Prop.ForAll(ExportsAndCloses, s => PrimeCheck.Avoids<Seed2012>(s,
            OracleKind.TwoDmaBufsForOneObject, OracleKind.StaleCacheEntry, OracleKind.HandleCountMismatch));

    private static readonly Arbitrary<Scenario> ExportsAndCloses = ScenarioArbitrary.For<Seed2012>(ScenarioGen.With(o =>
        o.Without(OpKind.CreateDumb, OpKind.GemClose, OpKind.FdToHandle, OpKind.Flink, OpKind.GemOpen)
            with { SetupKinds = new HashSet<OpKind> { OpKind.HandleToFd, OpKind.Flink, OpKind.GemOpen } }));
}
