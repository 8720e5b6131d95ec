using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// Between syscalls, every prime cache entry (file, dma-buf, handle) names a live handle of
/// that file whose object is the dma-buf's exporter or importer, and a dma-buf that is still
/// allocated (notes §6.3). A stale entry makes a later import return a wrong handle.
/// </summary>
public sealed class PrimeCacheEntriesAreLive : IOracle
{
    public Violation? AtQuiescence(KernelState kernel, IReadOnlyList<KObject> touched)
    {
        for (int i = 0; i < touched.Count; i++) // by index: foreach over the interface boxes an enumerator at every step
        {
            var o = touched[i];
            if (o is DrmFile { Freed: false } file)
            {
                foreach (var entry in file.RawPrime.head)
                    if (Problem(file, entry) is { } why)
                        return Stale(file, entry, why);
            }
            else if (o is DmaBuf { Freed: true, CacheEntries: > 0 } buf)
                return FreedButCached(kernel, buf);
        }
        return null;
    }

    // Apart from the loop: a lambda capturing the pattern variable would allocate its closure at every step.
    private static Violation FreedButCached(KernelState kernel, DmaBuf buf)
    {
        var (owner, entry) = kernel.DrmFiles.Where(f => !f.Freed)
            .SelectMany(f => f.RawPrime.head.Select(e => (f, e))).First(p => p.e.dma_buf == buf);
        return Stale(owner, entry, $"{buf} was freed");
    }

    private static string? Problem(DrmFile file, DrmPrimeMember entry)
    {
        if (entry.dma_buf is not { } buf)
            return "the entry holds NULL";
        if (buf.Freed)
            return $"{buf} was freed";
        if (file.RawIdr.idr_find(entry.handle) is not { } obj)
            return $"handle {entry.handle} is not open in {file}";
        if (buf.RawPriv != obj && obj.RawImportAttach?.RawDmaBuf != buf)
            return $"handle {entry.handle} is {obj}, which {buf} does not belong to";
        return null;
    }

    private static Violation Stale(DrmFile file, DrmPrimeMember entry, string why)
        => new(OracleKind.StaleCacheEntry,
            $"{file} caches ({entry.dma_buf?.Label ?? "NULL"}, handle {entry.handle}) but {why}",
            "", [file.Label, entry.dma_buf?.Label ?? "NULL"]);
}
