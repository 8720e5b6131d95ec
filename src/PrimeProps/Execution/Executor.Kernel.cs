using PrimeProps.Kernel;
using PrimeProps.Tracing;

namespace PrimeProps.Execution;

/// <summary>What the kernel model asks of the executor: scheduling points, locks, faults, task work.</summary>
public sealed partial class Executor
{
    /// <summary>A scheduling point before <paramref name="action"/> in kernel function <paramref name="function"/>.</summary>
    public SchedPoint Point(string function, string action)
    {
        current.PendingFunction = function;
        current.PendingAction = action;
        return new SchedPoint(this);
    }

    /// <summary>mutex_lock/spin_lock: a scheduling point after which the thread holds the lock.</summary>
    public SchedPoint Lock(KMutex mutex, string function)
    {
        if (mutex.Owner == current.Index)
            throw state.Bug(OracleKind.SelfDeadlock, $"{current.Name} takes {mutex} which it already holds");
        current.Wants = mutex;
        current.PendingFunction = function;
        current.PendingAction = mutex.LockLabel;
        return new SchedPoint(this);
    }

    public void Unlock(KMutex mutex)
    {
        if (mutex.Owner != current.Index)
            throw state.Bug(OracleKind.UnlockNotOwner, $"{current.Name} releases {mutex}, held by {(mutex.IsFree ? "nobody" : $"thread {mutex.Owner}")}");
        mutex.Owner = KMutex.NoOwner;
        lockdep.Released(current.Index, mutex);
    }

    void Runtime.IContinuationSink.Park(Runtime.KContinuation continuation) => current.Resume = continuation;

    /// <summary>Whether the allocation at <paramref name="site"/> fails now (a planned fault, each used once).</summary>
    public bool ShouldFail(string site)
    {
        if (faultsLeft.Count == 0)
            return false;
        int thread = current.Index == scenario.Threads.Count ? int.MinValue : current.Index;
        if (!faultsLeft.Remove(new Scenarios.Fault(thread, current.CurrentOp, site)))
            return false;
        trace.Events.Add(new TraceEvent(TraceKind.Fault, step, current.Index, current.CurrentOp, "", site, 0));
        return true;
    }

    /// <summary>The running syscall looked up (fget) or picked (close) this file by its fd.</summary>
    public void NoteResolved(KFile file) => current.Resolved.Add(file.Id);

    /// <summary>The running syscall installed this file on a new fd, with this FD_CLOEXEC.</summary>
    public void NoteInstalled(KFile file, bool cloexec)
    {
        current.Installed = file.Id;
        current.InstalledFlags = new FdFlags(cloexec, file.ReadWrite);
    }

    /// <summary>task_work_add: run <paramref name="work"/> when the current syscall returns to userspace.</summary>
    public void QueueTaskWork(Func<KTask> work) => current.TaskWork.Add(work);
}
