namespace PrimeProps.Kernel;

/// <summary>
/// A struct mutex or a spinlock. Both are modelled the same way: taking one is a scheduling
/// point, and a thread that finds it held blocks until the owner releases it.
/// </summary>
public sealed class KMutex(string name, bool spinlock = false)
{
    public string Name { get; } = name;
    public bool IsSpinlock { get; } = spinlock;

    public const int NoOwner = int.MinValue; // -1 is the setup thread

    /// <summary>Index of the owning model thread, or <see cref="NoOwner"/>.</summary>
    public int Owner { get; internal set; } = NoOwner;

    public bool IsFree => Owner == NoOwner;

    public override string ToString() => Name;
}
