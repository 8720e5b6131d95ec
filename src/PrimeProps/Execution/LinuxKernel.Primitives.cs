using System.Runtime.CompilerServices;
using PrimeProps.Kernel;

namespace PrimeProps.Execution;

/// <summary>
/// Locks, atomics, allocation and WARN_ON. Each checks safety at the moment of use; each lock
/// acquisition and each atomic on shared state is a scheduling point (awaited). Releases are
/// not: whatever the releasing thread does next that another thread could observe is itself
/// a scheduling point, so no interleaving is lost.
/// </summary>
public abstract partial class LinuxKernel
{
    protected SchedPoint mutex_lock(KMutex lock_, [CallerMemberName] string fn = "") => ex.Lock(lock_, fn);
    protected void mutex_unlock(KMutex lock_) => ex.Unlock(lock_);
    /// <summary>lockdep_is_held: whether the running thread holds <paramref name="lock_"/>.</summary>
    protected bool lockdep_is_held(KMutex lock_) => lock_.Owner == ex.CurrentThread;

    protected SchedPoint spin_lock(KMutex lock_, [CallerMemberName] string fn = "") => ex.Lock(lock_, fn);
    protected void spin_unlock(KMutex lock_) => ex.Unlock(lock_);

    /// <summary>A scheduling point before a racy access to shared state, e.g. "read obj->export_dma_buf".</summary>
    protected SchedPoint shared(string access, [CallerMemberName] string fn = "") => ex.Point(fn, access);

    /// <summary>
    /// kmalloc/kzalloc(GFP_KERNEL): may sleep, so it is a scheduling point; false when the
    /// fault plan makes this allocation fail (ENOMEM). <paramref name="site"/> names the allocation.
    /// </summary>
    protected async KTask<bool> kmalloc(string site, [CallerMemberName] string fn = "")
    {
        await ex.Point(fn, TraceLabels.Kmalloc(site));
        return !ex.ShouldFail(site);
    }

    /// <summary>WARN_ON: in the model a warning is a finding, since the kernel's authors said it must not happen.</summary>
    protected void WARN_ON(bool condition, string what, params KObject[] objects)
    {
        if (condition)
            throw k.Bug(OracleKind.KernelWarning, $"WARN_ON({what})", objects);
    }

    /// <summary>A NULL dereference Oopses the kernel.</summary>
    protected T deref<T>(T? pointer, string what) where T : class
        => pointer ?? throw k.Bug(OracleKind.NullDereference, $"NULL pointer dereference: {what}");

    // kref on GEM objects: atomic, and a get from zero resurrects an object that is being freed.
    protected async KTask kref_get(GemObject obj, [CallerMemberName] string fn = "")
    {
        await ex.Point(fn, obj.KrefGetLabel);
        if (obj.refcount == 0)
            throw k.Bug(OracleKind.GetOnZero, $"kref_get on {obj} whose refcount is already 0", obj);
        obj.refcount++;
    }

    /// <summary>kref_put: true when this put dropped the last reference (the caller frees).</summary>
    protected async KTask<bool> kref_put(GemObject obj, [CallerMemberName] string fn = "")
    {
        await ex.Point(fn, obj.KrefPutLabel);
        if (obj.refcount <= 0)
            throw k.Bug(OracleKind.PutBelowZero, $"kref_put on {obj} takes its refcount below 0", obj);
        return --obj.refcount == 0;
    }

    /// <summary>atomic_dec_and_test(&obj->handle_count), which must not go below zero.</summary>
    protected bool atomic_dec_and_test_handle_count(GemObject obj)
    {
        if (obj.handle_count <= 0)
            throw k.Bug(OracleKind.PutBelowZero, $"{obj}->handle_count goes below 0", obj);
        return --obj.handle_count == 0;
    }

    // The file refcount that carries a dma-buf's lifetime.
    /// <summary>get_file: atomic_long_inc(&file->f_count), which must not start from zero.</summary>
    protected void get_file(KFile file)
    {
        if (file.f_count == 0)
            throw k.Bug(OracleKind.GetOnZero, $"get_file on {file} whose f_count is already 0 (it is being released)", file);
        file.f_count++;
    }

    protected bool atomic_long_dec_and_test(KFile file)
    {
        if (file.f_count <= 0)
            throw k.Bug(OracleKind.PutBelowZero, $"fput on {file} takes f_count below 0", file);
        return --file.f_count == 0;
    }
}
