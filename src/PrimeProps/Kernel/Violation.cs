namespace PrimeProps.Kernel;

/// <summary>What went wrong, one value per oracle. Tests assert on these.</summary>
public enum OracleKind
{
    // Checked by the kernel primitives at the moment of use.
    GetOnZero,          // kref/f_count get on an object whose count already reached zero
    PutBelowZero,       // a put that would take a count below zero
    UseAfterFree,       // a field of a freed object read or written
    DanglingPointer,    // a pointer to a freed or dying object is stored for later use
    DoubleFree,         // kfree of an already freed object
    NullDereference,    // a NULL pointer dereferenced
    UnlockNotOwner,     // mutex_unlock/spin_unlock by a thread that does not hold the lock
    SelfDeadlock,       // a thread takes a lock it already holds
    KernelWarning,      // a WARN_ON in the modelled kernel code fired
    // Checked after every step on what the step touched.
    TwoDmaBufsForOneObject,
    // Checked whenever no thread is inside a syscall.
    HandleCountMismatch,
    StaleCacheEntry,
    // Checked by the executor.
    Deadlock,
    LockOrderInversion, // lockdep: two lock classes taken in both orders, even if no deadlock happened
    NonTermination,
    // Checked at teardown, once every fd and drm file is closed.
    Leak,
    // Checked on the history of syscall results (protocols that follow today's semantics).
    ReferenceMismatch,  // a sequential run returned what the reference model does not
    NotLinearizable,    // no order of a concurrent run's syscalls explains every result
}

public enum BugClass { UseAfterFree, Leak, Deadlock, Consistency, Warning }

public static class OracleKindExtensions
{
    /// <summary>The bug class of the notes' catalog that a finding of this oracle belongs to.</summary>
    public static BugClass Class(this OracleKind kind) => kind switch
    {
        OracleKind.GetOnZero or OracleKind.PutBelowZero or OracleKind.UseAfterFree
            or OracleKind.DoubleFree or OracleKind.NullDereference or OracleKind.DanglingPointer => BugClass.UseAfterFree,
        OracleKind.Leak => BugClass.Leak,
        OracleKind.Deadlock or OracleKind.SelfDeadlock or OracleKind.NonTermination
            or OracleKind.LockOrderInversion => BugClass.Deadlock,
        OracleKind.KernelWarning => BugClass.Warning,
        _ => BugClass.Consistency,
    };
}

/// <summary>A finding: which oracle, where in the run, in which kernel function, on what.</summary>
public sealed record Violation(OracleKind Oracle, string Message, string Function, IReadOnlyList<string> Objects)
{
    /// <summary>The step at which the violation was seen (-1 before the first step).</summary>
    public int Step { get; init; } = -1;

    /// <summary>The model thread that was running, or "" when found between steps.</summary>
    public string Thread { get; init; } = "";

    public override string ToString()
    {
        // Oracles on the whole history (linearizability) have no step or function to name.
        var where = Step < 0 ? "after the run" : Thread.Length > 0 ? $"at step {Step}, thread {Thread}" : $"at step {Step}";
        var function = Function.Length > 0 ? $", in {Function}" : "";
        var objs = Objects.Count > 0 ? $" [{string.Join(", ", Objects)}]" : "";
        return $"{Oracle} ({Oracle.Class()}) {where}{function}: {Message}{objs}";
    }
}

/// <summary>Thrown at the point of use by a kernel primitive; the executor turns it into a finding.</summary>
public sealed class KernelBugException(Violation violation) : Exception(violation.Message)
{
    public Violation Violation { get; } = violation;
}
