using PrimeProps.Bench.History.Mutants;
using PrimeProps.Execution;

namespace PrimeProps.Bench.History;

/// <summary>
/// A variant of `modern` with one kernel fix undone: its commit, whether the generator may be
/// tuned on it ("tuning") or not ("held out"), and its smallest known trigger in
/// fuzz-corpus/history/.
/// </summary>
public sealed record HistoryMutant(string Name, Func<LinuxKernel> Create, string Commit, string Subject, bool Tuning, string Trigger)
{
    public string Set => Tuning ? "tuning" : "held out";

    /// <summary>
    /// The three tuning mutants may be looked at while tuning the generator, schedules and
    /// shrinker; the held-out ones must not be, so the benchmark measures bugs nobody tuned for.
    /// </summary>
    public static readonly IReadOnlyList<HistoryMutant> All =
    [
        new("flink-without-handle-count-check", () => new FlinkWithoutHandleCountCheck(), "a8e11d1c435f",
            "drm/gem: fix up flink name create race", Tuning: true, "flink-without-handle-count-check.scn"),
        new("gem-close-one-stage", () => new GemCloseOneStage(), "f6cd7daecff5",
            "drm: Release driver references to handle before making it available again", Tuning: true, "gem-close-one-stage.scn"),
        new("handle-published-before-open", () => new HandlePublishedBeforeOpen(), "bd46cece51a3",
            "drm/gem: Fix race in drm_gem_handle_create_tail()", Tuning: true, "handle-published-before-open.scn"),
        new("cache-entry-removed-by-dma-buf", () => new CacheEntryRemovedByDmaBuf(), "ea2aa97ca37a",
            "drm/gem: Fix GEM handle release errors", Tuning: false, "cache-entry-removed-by-dma-buf.scn"),
        new("gem-open-not-atomic", () => new GemOpenNotAtomic(), "20228c447846",
            "drm/gem: completely close gem_open vs. gem_close races", Tuning: false, "gem-open-not-atomic.scn"),
        new("import-without-object-name-lock", () => new ImportWithoutObjectNameLock(), "319c933c71f3",
            "drm/prime: proper locking+refcounting for obj->dma_buf link (import half)", Tuning: false, "import-without-object-name-lock.scn"),
        new("export-without-object-name-lock", () => new ExportWithoutObjectNameLock(), "319c933c71f3",
            "drm/prime: proper locking+refcounting for obj->dma_buf link (export locking half)", Tuning: false, "export-without-object-name-lock.scn"),
        new("export-cache-kept-at-last-handle", () => new ExportCacheNotDroppedAtLastHandle(), "319c933c71f3",
            "drm/prime: proper locking+refcounting for obj->dma_buf link (link dropped with the last handle)", Tuning: false, "export-cache-kept-at-last-handle.scn"),
    ];
}
