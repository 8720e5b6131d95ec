namespace PrimeProps.Kernel;

/// <summary>
/// The kernel's idr as the GEM code uses it: <c>idr_alloc(idr, ptr, 1, 0)</c> hands out the
/// lowest free id from 1, so ids are reused at once (the IGT race tests rely on "handle == 1").
/// Since 2025 a handle slot is first reserved holding NULL and published with idr_replace;
/// a reserved slot is taken (not free) but idr_find returns NULL for it.
/// </summary>
public sealed class Idr<T> where T : class
{
    private T?[] slots = new T?[8];
    private bool[] taken = new bool[8];
    private int lowestFree = 1;

    /// <summary>Called with +1/-1 when a slot starts or stops pointing at a value (model bookkeeping).</summary>
    public Action<T, int>? OnSlotChange { get; init; }

    public T? idr_find(long id) => id >= 1 && id < slots.Length ? slots[id] : null;

    private bool IsTaken(long id) => id >= 1 && id < taken.Length && taken[id];

    /// <summary>Takes the lowest free id; <paramref name="value"/> may be null (a reserved slot).</summary>
    public int idr_alloc(T? value)
    {
        int id = lowestFree;
        while (id < taken.Length && taken[id])
            id++;
        if (id >= taken.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
            Array.Resize(ref taken, taken.Length * 2);
        }
        taken[id] = true;
        Set(id, value);
        lowestFree = id + 1;
        return id;
    }

    /// <summary>
    /// idr_replace: puts <paramref name="value"/> in a taken slot and returns what was there;
    /// <paramref name="found"/> is false (ERR_PTR(-ENOENT)) when the id is not taken.
    /// </summary>
    public T? idr_replace(long id, T? value, out bool found)
    {
        found = IsTaken(id);
        if (!found)
            return null;
        var old = slots[id];
        Set(id, value);
        return old;
    }

    public void idr_remove(long id)
    {
        if (!IsTaken(id))
            return;
        Set(id, null);
        taken[id] = false;
        if (id < lowestFree)
            lowestFree = (int)id;
    }

    private void Set(long id, T? value)
    {
        if (slots[id] is { } old)
            OnSlotChange?.Invoke(old, -1);
        slots[id] = value;
        if (value is not null)
            OnSlotChange?.Invoke(value, +1);
    }

    /// <summary>Live (id, value) pairs in id order, as idr_for_each visits them (reserved slots are skipped).</summary>
    public IEnumerable<(int Id, T Value)> Entries()
    {
        for (int id = 1; id < slots.Length; id++)
            if (slots[id] is { } v)
                yield return (id, v);
    }
}
