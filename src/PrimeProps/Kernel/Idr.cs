namespace PrimeProps.Kernel;

/// <summary>
/// The kernel's idr as the GEM code uses it: <c>idr_alloc(idr, ptr, 1, 0)</c> hands out the
/// lowest free id from 1, so ids are reused at once (the IGT race tests rely on "handle == 1").
/// Since 2025 a handle slot is first reserved holding NULL and published with idr_replace;
/// a reserved slot is taken (not free) but idr_find returns NULL for it. GEM_CHANGE_HANDLE
/// allocates at a number the caller chose; the model's idr is a dense array, so it reaches
/// chosen ids below <see cref="ModelLimit"/> only (a side table for far ids made replays of
/// seed-2012's scenarios differ; the dense array is the one proven bit-for-bit).
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

    /// <summary>Chosen ids from here up are beyond the model: <see cref="idr_alloc(T, int)"/> answers -ENOMEM, and so does the reference.</summary>
    public const int ModelLimit = 1 << 17;

    /// <summary>
    /// idr_alloc(idr, value, start, start + 1): the id <paramref name="start"/> itself, or
    /// -ENOSPC when it is taken (GEM_CHANGE_HANDLE's allocation at a chosen number). The GEM
    /// idrs are idr_init_base(.., 1): with start 0, idr_alloc_u32 computes its bound as
    /// end - 1 - base, which wraps, so the kernel hands out the lowest free id from 1 instead.
    /// A start at or above <see cref="ModelLimit"/> fails with -ENOMEM (as a GFP_NOWAIT
    /// allocation may): a model limit, not the kernel's.
    /// </summary>
    public int idr_alloc(T? value, int start)
    {
        if (start < 1)
            return idr_alloc(value);
        if (start >= ModelLimit)
            return -Errno.ENOMEM;
        if (IsTaken(start))
            return -Errno.ENOSPC;
        while (start >= taken.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
            Array.Resize(ref taken, taken.Length * 2);
        }
        taken[start] = true;
        Set(start, value);
        return start;
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
