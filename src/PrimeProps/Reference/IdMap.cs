namespace PrimeProps.Reference;

/// <summary>
/// Ids to values, ordered, that knows its lowest free id in amortized O(1) (a hint that only
/// moves down on removal), as the kernel's idr and fd table hand ids out.
/// </summary>
public sealed class IdMap<T>(int first)
{
    // Two parallel sorted arrays rather than a tree: maps hold a handful of ids, and the
    // linearizability search clones the whole reference state at every step it tries.
    private int[] keys = [];
    private T[] values = [];
    private int count;
    private int hint = first;

    public int First { get; } = first;
    public int Count => count;
    public IEnumerable<int> Keys => keys.Take(count);
    public IEnumerable<KeyValuePair<int, T>> Items
    {
        get
        {
            for (int i = 0; i < count; i++)
                yield return new KeyValuePair<int, T>(keys[i], values[i]);
        }
    }

    public bool TryGetValue(long id, out T value)
    {
        int at = id >= int.MinValue && id <= int.MaxValue ? IndexOf((int)id) : -1;
        value = at >= 0 ? values[at] : default!;
        return at >= 0;
    }

    public bool ContainsKey(long id) => TryGetValue(id, out _);

    public T this[int id]
    {
        get => IndexOf(id) is var at and >= 0 ? values[at] : throw new KeyNotFoundException($"The given key '{id}' was not present in the dictionary.");
        set
        {
            int at = IndexOf(id);
            if (at >= 0)
            {
                values[at] = value;
                return;
            }
            at = ~at;
            if (count == keys.Length)
            {
                Array.Resize(ref keys, Math.Max(4, count * 2));
                Array.Resize(ref values, keys.Length);
            }
            Array.Copy(keys, at, keys, at + 1, count - at);
            Array.Copy(values, at, values, at + 1, count - at);
            keys[at] = id;
            values[at] = value;
            count++;
        }
    }

    public bool Remove(int id)
    {
        int at = IndexOf(id);
        if (at < 0)
            return false;
        count--;
        Array.Copy(keys, at + 1, keys, at, count - at);
        Array.Copy(values, at + 1, values, at, count - at);
        values[count] = default!;
        hint = Math.Min(hint, id);
        return true;
    }

    public int LowestFree()
    {
        while (IndexOf(hint) >= 0)
            hint++;
        return hint;
    }

    public IdMap<T> Clone()
    {
        var copy = new IdMap<T>(First) { hint = hint, count = count, keys = new int[Math.Max(4, count + 1)], values = new T[Math.Max(4, count + 1)] };
        Array.Copy(keys, copy.keys, count);
        Array.Copy(values, copy.values, count);
        return copy;
    }

    /// <summary>The index of <paramref name="id"/>, or the complement of where it would go.</summary>
    private int IndexOf(int id) => Array.BinarySearch(keys, 0, count, id);
}
