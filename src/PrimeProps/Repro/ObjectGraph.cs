using System.Text;
using PrimeProps.Kernel;

namespace PrimeProps.Repro;

/// <summary>
/// The kernel objects as SVG, one column per kind (fds, drm files, GEM objects, dma-bufs),
/// with the references between them: fd to its file, handle to object, obj->dma_buf,
/// dma-buf priv, prime cache entries. Freed objects that something still points at are drawn dashed.
/// </summary>
internal static class ObjectGraph
{
    private const int ColumnWidth = 250, RowHeight = 46, BoxWidth = 200, BoxHeight = 34;

    public static string Svg(KernelState k)
    {
        var columns = new List<List<(string Id, string Label, bool Freed)>>
        {
            k.Files.OpenFds().Select(fd => ($"fd{fd}", $"fd {fd} -> {k.Files.fcheck(fd)}", false)).ToList(),
            k.DrmFiles.Where(f => !f.Freed).Select(f => (f.Label, $"{f.Label} ({f.RawIdr.Entries().Count()} handles)", false)).ToList(),
            k.Objects.Where(o => !o.Freed || o.IdrSlots > 0).Select(o => (o.Label,
                o.Freed ? $"{o.Label} FREED" : $"{o.Label} ref {o.RawRefcount} hc {o.RawHandleCount}", o.Freed)).ToList(),
            k.DmaBufs.Where(b => !b.Freed || b.CacheEntries > 0).Select(b => (b.Label,
                b.Freed ? $"{b.Label} FREED" : $"{b.Label} f_count {b.RawFile?.RawCount}", b.Freed)).ToList(),
        };
        var position = new Dictionary<string, (int X, int Y)>();
        for (int c = 0; c < columns.Count; c++)
            for (int r = 0; r < columns[c].Count; r++)
                position[columns[c][r].Id] = (10 + c * ColumnWidth, 10 + r * RowHeight);
        int height = 20 + Math.Max(1, columns.Max(c => c.Count)) * RowHeight;
        var sb = new StringBuilder($"<svg id=\"object-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{10 + columns.Count * ColumnWidth}\" height=\"{height}\">\n");
        foreach (var (from, to, what) in Edges(k).Where(e => position.ContainsKey(e.From) && position.ContainsKey(e.To)))
        {
            var (a, b) = (position[from], position[to]);
            sb.Append($"<line class=\"edge\" x1=\"{a.X + BoxWidth}\" y1=\"{a.Y + BoxHeight / 2}\" x2=\"{b.X}\" y2=\"{b.Y + BoxHeight / 2}\"><title>{HtmlReport.Esc(what)}</title></line>\n");
        }
        foreach (var column in columns)
            foreach (var (id, label, freed) in column)
            {
                var (x, y) = position[id];
                sb.Append($"<g class=\"node{(freed ? " freed" : "")}\" data-id=\"{HtmlReport.Esc(id)}\"><rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"4\"/>" +
                          $"<text x=\"{x + 6}\" y=\"{y + 21}\">{HtmlReport.Esc(label)}</text></g>\n");
            }
        return sb.Append("</svg>\n").ToString();
    }

    private static IEnumerable<(string From, string To, string What)> Edges(KernelState k)
    {
        foreach (var fd in k.Files.OpenFds())
        {
            var file = k.Files.fcheck(fd)!;
            if (file.RawPrivate is DrmFile drm)
                yield return ($"fd{fd}", drm.Label, "fd -> drm file");
            else if (file.RawPrivate is DmaBuf buf)
                yield return ($"fd{fd}", buf.Label, "fd -> dma-buf");
        }
        foreach (var f in k.DrmFiles.Where(f => !f.Freed))
        {
            foreach (var (handle, obj) in f.RawIdr.Entries())
                yield return (f.Label, obj.Label, $"handle {handle}");
            foreach (var m in f.RawPrime.head.Where(m => m.dma_buf is not null))
                yield return (f.Label, m.dma_buf!.Label, $"prime cache: handle {m.handle}");
        }
        foreach (var o in k.Objects.Where(o => !o.Freed && o.RawDmaBuf is not null))
            yield return (o.Label, o.RawDmaBuf!.Label, "obj->dma_buf");
    }
}
