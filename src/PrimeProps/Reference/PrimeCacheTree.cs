using PrimeProps.Kernel;
using static PrimeProps.Reference.ReferenceState;

namespace PrimeProps.Reference;

/// <summary>
/// The answers a file's prime cache can give to an import: the kernel walks an rb-tree keyed
/// by dma-buf address and returns the first entry on its path that matches. Userspace cannot
/// see addresses, so the reference replays the cache's inserts and erases (since it was last
/// empty: an empty tree has no memory of its past) under every relative address order of the
/// dma-bufs involved, and allows exactly the handles some order gives.
/// </summary>
/// <remarks>
/// Each lookup is judged on its own: two lookups that only contradicting orders explain are
/// both allowed. Above <see cref="MaxOrdered"/> dma-bufs in one file's log every cached
/// handle of the dma-buf is allowed, and the lookup is counted in <see cref="Unordered"/>.
/// </remarks>
public static class PrimeCacheTree
{
    public const int MaxOrdered = 6;

    /// <summary>Lookups whose answer was not checked against the tree (too many dma-bufs to order).</summary>
    public static long Unordered => Interlocked.Read(ref unordered);
    private static long unordered;

    public static void Add(OpenFile file, int buf, int handle)
    {
        file.Cache.Insert(0, (buf, handle));
        file.CacheLog.Add((true, buf, handle));
    }

    public static void Remove(OpenFile file, int handle)
    {
        int i = file.Cache.FindIndex(e => e.Handle == handle);
        if (i < 0)
            return;
        file.Cache.RemoveAt(i);
        if (file.Cache.Count == 0)
            file.CacheLog.Clear();
        else
            file.CacheLog.Add((false, 0, handle));
    }

    /// <summary>The handles an import of <paramref name="buf"/> may return in this file (none: not cached).</summary>
    public static long[] Lookup(OpenFile file, int buf)
    {
        var cached = file.Cache.Where(e => e.Buf == buf).Select(e => (long)e.Handle).ToArray();
        if (cached.Length < 2)
            return cached;
        var bufs = file.CacheLog.Where(e => e.Insert).Select(e => e.Buf).Distinct().ToList();
        if (bufs.Count > MaxOrdered)
        {
            Interlocked.Increment(ref unordered);
            return cached;
        }
        var answers = new SortedSet<long>();
        foreach (var order in Permutations(bufs))
            answers.Add(Replay(file.CacheLog, order, buf));
        return [.. answers];
    }

    private sealed class Entry(int buf, int handle)
    {
        public int Buf { get; } = buf;
        public int Handle { get; } = handle;
    }

    /// <summary>The handle the kernel's walk finds when the dma-bufs' addresses rise in <paramref name="order"/>.</summary>
    private static long Replay(List<(bool Insert, int Buf, int Handle)> log, List<int> order, int wanted)
    {
        var tree = new RbTree<Entry>();
        var live = new Dictionary<int, Entry>();
        foreach (var (insert, buf, handle) in log)
        {
            if (insert)
            {
                var e = live[handle] = new Entry(buf, handle);
                int rank = order.IndexOf(buf);
                tree.Insert(e, pos => rank > order.IndexOf(pos.Buf));
            }
            else if (live.Remove(handle, out var gone))
                tree.Erase(gone);
        }
        int wantedRank = order.IndexOf(wanted);
        return tree.Find(pos => pos.Buf == wanted ? 0 : order.IndexOf(pos.Buf) < wantedRank ? 1 : -1)!.Handle;
    }

    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }
        for (int i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                tail.Insert(0, items[i]);
                yield return tail;
            }
        }
    }
}
