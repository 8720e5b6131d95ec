using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// Once the process has exited, every object, dma-buf, attachment, flink name, cache entry and
/// mmap permission entry is gone (notes §6.5). Whatever is left is named with what still holds it.
/// </summary>
public sealed class NoLeakAtTeardown : IOracle
{
    public Violation? AtTeardown(KernelState kernel)
    {
        var leaks = new List<string>();
        foreach (var obj in kernel.Objects.Where(o => !o.Freed))
            leaks.Add($"{obj} (refcount {obj.RawRefcount}, handle_count {obj.RawHandleCount}" +
                      (obj.RawName != 0 ? $", flink name {obj.RawName}" : "") +
                      (obj.RawDmaBuf is { } b ? $", dma_buf {b}" : "") + ")");
        foreach (var buf in kernel.DmaBufs.Where(b => !b.Freed))
            leaks.Add($"{buf} (f_count {buf.RawFile?.RawCount}, priv {buf.RawPriv})");
        foreach (var att in kernel.Attachments.Where(a => !a.Freed))
            leaks.Add($"{att} (of {att.RawDmaBuf})");
        // A handle's mmap permission (drm_vma_node_allow) is revoked when the handle goes; a
        // struct drm_vma_offset_file left on any object, freed or not, was never kfree'd.
        foreach (var obj in kernel.Objects)
            foreach (var (file, count) in obj.RawVmaNode.RawEntries)
                leaks.Add($"drm_vma_offset_file of {file} on {obj} (vm_count {count})");
        foreach (var dev in kernel.Devices)
            foreach (var (name, obj) in dev.object_name_idr.Entries())
                leaks.Add($"flink name {name} on {dev} (-> {obj})");
        if (leaks.Count == 0)
            return null;
        return new Violation(OracleKind.Leak, $"after exit, {leaks.Count} thing(s) remain: {string.Join("; ", leaks)}",
            "do_exit", leaks.Select(l => l.Split(' ')[0]).ToArray());
    }
}
