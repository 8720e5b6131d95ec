namespace PrimeProps.Bench.Races;

/// <summary>What a hand port needs from whoever runs it: where threads may switch, and how a violated assertion is reported.</summary>
internal interface IRaceHarness
{
    /// <summary>A point where the other thread may run (the model's shared accesses are its scheduling points).</summary>
    void Interleave();

    /// <summary>Reports the use-after-free when <paramref name="holds"/> is false.</summary>
    void Assert(bool holds, string message);
}

/// <summary>
/// Catalog row 1 on v3.6, ported by hand to plain C# (fields, <c>lock(object)</c>) so that
/// Coyote and OS threads can run the same logic the model runs: i915's weak
/// <c>obj->export_dma_buf</c>, cleared only in the dma-buf's release; the dma-buf file's
/// f_count; <c>get_dma_buf</c> must not start from zero. The setup has exported the object once
/// (f_count 1, held by fd). <see cref="CloseLastFd"/> is T0, <see cref="ReExport"/> is T1.
/// </summary>
internal sealed class Row1Port(IRaceHarness harness)
{
    private sealed class DmaBuf { public int FCount = 1; }

    private readonly object primeLock = new();   // file_priv->prime.lock: export takes it, close does not
    private readonly object fdTableLock = new(); // files->file_lock
    private DmaBuf? exportDmaBuf;                // obj->export_dma_buf (no reference of its own)
    private DmaBuf? fd;                          // the fd the setup's export installed

    public Row1Port Setup()
    {
        exportDmaBuf = fd = new DmaBuf();
        return this;
    }

    /// <summary>close(fd): the last fput; the release runs later, on the way back to userspace (task work).</summary>
    public void CloseLastFd()
    {
        DmaBuf? file;
        lock (fdTableLock)
        {
            file = fd;
            fd = null;
        }
        if (file is null)
            return;
        harness.Interleave(); // atomic_long_dec_and_test(&file->f_count)
        if (--file.FCount != 0)
            return;
        harness.Interleave(); // __fput: i915_gem_dmabuf_release
        if (exportDmaBuf == file)
            exportDmaBuf = null;
    }

    /// <summary>PRIME_HANDLE_TO_FD again: drm_gem_prime_handle_to_fd finds the cached export and takes a reference.</summary>
    public void ReExport()
    {
        lock (primeLock)
        {
            harness.Interleave(); // read obj->export_dma_buf
            var buf = exportDmaBuf;
            if (buf is null)
                return; // a fresh export: no race left to lose
            harness.Interleave(); // get_file(&dma_buf->file)
            harness.Assert(buf.FCount != 0, "get_dma_buf on a dma-buf whose f_count is already 0 (GetOnZero, use after free)");
            buf.FCount++;
        }
    }
}
