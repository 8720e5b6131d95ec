namespace PrimeProps.Kernel;

/// <summary>
/// A kernel allocation. Freed objects are never reused, so a stale pointer keeps pointing at
/// the freed object and any touch of it is caught (<see cref="Use"/>) instead of silently
/// reading recycled memory.
/// </summary>
public abstract class KObject(KernelState kernel, string label)
{
    public KernelState Kernel { get; } = kernel;
    public string Label { get; } = label;
    public bool Freed { get; private set; }
    internal int touchedStep = -1;
    internal int touchedWindow = -1;

    /// <summary>Every read or write of a kernel field goes through here: a freed object is a UAF.</summary>
    protected void Use()
    {
        if (Freed)
            throw Kernel.Bug(OracleKind.UseAfterFree, $"{Label} is touched after it was freed", this);
        Kernel.Touched(this);
    }

    /// <summary>kfree(): a second free of the same object is a double free.</summary>
    public void kfree()
    {
        if (Freed)
            throw Kernel.Bug(OracleKind.DoubleFree, $"{Label} is freed twice", this);
        Kernel.Touched(this);
        Freed = true;
        OnFreed();
    }

    /// <summary>Model bookkeeping when the object dies (counters the oracles read).</summary>
    protected virtual void OnFreed() { }

    public override string ToString() => Label;
}
