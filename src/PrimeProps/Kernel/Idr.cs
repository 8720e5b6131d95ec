namespace PrimeProps.Kernel;

/// <summary>
/// The kernel's idr as the GEM code uses it: <c>idr_alloc(idr, ptr, 1, 0)</c> hands out the
/// lowest free id from 1, so ids are reused at once (the IGT race tests rely on "handle == 1").
/// </summary>
public sealed class Idr<T> where T : class
{
    private T?[] slots = new T?[8];
    private int lowestFree = 1;

    /// <summary>Called with +1/-1 when a slot starts or stops pointing at a value (model bookkeeping).</summary>
    public Action<T, int>? OnSlotChange { get; init; }

    public T? idr_find(long id) => id >= 1 && id < slots.Length ? slots[id] : null;

    public int idr_alloc(T value)
    {
        int id = lowestFree;
        while (id < slots.Length && slots[id] is not null)
            id++;
        if (id >= slots.Length)
            Array.Resize(ref slots, slots.Length * 2);
        slots[id] = value;
        lowestFree = id + 1;
        OnSlotChange?.Invoke(value, +1);
        return id;
    }

    public void idr_remove(long id)
    {
        if (idr_find(id) is not { } old)
            return;
        slots[id] = null;
        if (id < lowestFree)
            lowestFree = (int)id;
        OnSlotChange?.Invoke(old, -1);
    }

    /// <summary>Live (id, value) pairs in id order, as idr_for_each visits them.</summary>
    public IEnumerable<(int Id, T Value)> Entries()
    {
        for (int id = 1; id < slots.Length; id++)
            if (slots[id] is { } v)
                yield return (id, v);
    }

    public bool IsEmpty => !Entries().Any();
}
