namespace PrimeProps.Reference;

/// <summary>
/// Ids to values, ordered, that knows its lowest free id in amortized O(1) (a hint that only
/// moves down on removal), as the kernel's idr and fd table hand ids out.
/// </summary>
public sealed class IdMap<T>(int first)
{
    private readonly SortedDictionary<int, T> items = [];
    private int hint = first;

    public int First { get; } = first;
    public int Count => items.Count;
    public IEnumerable<int> Keys => items.Keys;
    public IEnumerable<KeyValuePair<int, T>> Items => items;

    public bool TryGetValue(long id, out T value)
    {
        value = default!;
        return id >= int.MinValue && id <= int.MaxValue && items.TryGetValue((int)id, out value!);
    }

    public bool ContainsKey(long id) => TryGetValue(id, out _);

    public T this[int id]
    {
        get => items[id];
        set => items[id] = value;
    }

    public bool Remove(int id)
    {
        if (!items.Remove(id))
            return false;
        hint = Math.Min(hint, id);
        return true;
    }

    public int LowestFree()
    {
        while (items.ContainsKey(hint))
            hint++;
        return hint;
    }

    public IdMap<T> Clone()
    {
        var copy = new IdMap<T>(First) { hint = hint };
        foreach (var (k, v) in items)
            copy.items[k] = v;
        return copy;
    }
}
