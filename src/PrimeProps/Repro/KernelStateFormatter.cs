using System.Text;
using PrimeProps.Kernel;

namespace PrimeProps.Repro;

/// <summary>The kernel objects as they stand (at the failing step, when a run failed): who holds what.</summary>
public static class KernelStateFormatter
{
    public static string Format(KernelState k)
    {
        var sb = new StringBuilder();
        foreach (var obj in k.Objects)
            sb.AppendLine(obj.Freed ? $"  {obj}: freed" :
                $"  {obj} on {obj.RawDev}: refcount {obj.RawRefcount}, handle_count {obj.RawHandleCount}" +
                (obj.RawName != 0 ? $", name {obj.RawName}" : "") +
                (obj.RawDmaBuf is { } b ? $", dma_buf {b}" : "") +
                (obj.RawImportAttach is { } a ? $", imports {a.RawDmaBuf}" : ""));
        foreach (var buf in k.DmaBufs)
            sb.AppendLine(buf.Freed ? $"  {buf}: freed" :
                $"  {buf} (priv {buf.RawPriv}): {buf.RawFile} f_count {buf.RawFile?.RawCount}, {buf.CacheEntries} cache entr{(buf.CacheEntries == 1 ? "y" : "ies")}");
        foreach (var file in k.DrmFiles.Where(f => !f.Freed))
        {
            var handles = string.Join(", ", file.RawIdr.Entries().Select(e => $"{e.Id}->{e.Value}"));
            var cache = string.Join(", ", file.RawPrime.head.Select(m => $"({m.dma_buf?.Label ?? "NULL"}, {m.handle})"));
            sb.AppendLine($"  {file} on {file.RawDev}: handles [{handles}], prime cache [{cache}]");
        }
        var fds = string.Join(", ", k.Files.OpenFds().Select(fd => $"{fd}->{k.Files.fcheck(fd)}"));
        sb.AppendLine($"  fds: {fds}");
        return sb.ToString();
    }
}
