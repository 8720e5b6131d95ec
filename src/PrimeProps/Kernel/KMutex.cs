namespace PrimeProps.Kernel;

/// <summary>
/// A struct mutex or a spinlock. Both are modelled the same way: taking one is a scheduling
/// point, and a thread that finds it held blocks until the owner releases it.
/// </summary>
public sealed class KMutex(string name, bool spinlock = false, string? lockClass = null)
{
    public string Name { get; } = name;

    /// <summary>The lock class lockdep orders, e.g. "drm_file->prime.lock" for every file's prime lock.</summary>
    public string Class { get; } = lockClass ?? name;
    public bool IsSpinlock { get; } = spinlock;

    public const int NoOwner = int.MinValue; // -1 is the setup thread

    /// <summary>Index of the owning model thread, or <see cref="NoOwner"/>.</summary>
    public int Owner { get; internal set; } = NoOwner;

    public bool IsFree => Owner == NoOwner;

    /// <summary>The trace label of taking this lock, made once (a lock is taken at almost every step).</summary>
    public string LockLabel => lockLabel ??= IsSpinlock ? $"spin_lock({Name})" : $"mutex_lock({Name})";
    private string? lockLabel;

    public override string ToString() => Name;
}
