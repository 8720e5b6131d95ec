using PrimeProps.Kernel;

namespace PrimeProps.Execution;

/// <summary>A userspace thread of the model: a coroutine the executor resumes one step at a time.</summary>
internal sealed class ModelThread(int index, string name)
{
    public int Index { get; } = index;
    public string Name { get; } = name;

    /// <summary>Where the thread stopped: the continuation and the label of the next action.</summary>
    public Runtime.KContinuation? Resume;
    public string PendingFunction = "";
    public string PendingAction = "";
    /// <summary>The lock this thread waits for at its scheduling point, if any.</summary>
    public KMutex? Wants;

    public KTask? Root;
    public bool InSyscall;
    public int CurrentOp = -1;
    /// <summary>Deferred work (____fput) run when the current syscall returns to userspace.</summary>
    public readonly List<Func<KTask>> TaskWork = [];

    /// <summary>What the current syscall did with files: the ones it looked up by fd, the one it installed.</summary>
    public readonly List<int> Resolved = [];
    public int Installed;
    public FdFlags? InstalledFlags;

    public bool Finished => Root is { IsCompleted: true };
    public bool Runnable => Resume is not null && (Wants is null || Wants.IsFree);
}
