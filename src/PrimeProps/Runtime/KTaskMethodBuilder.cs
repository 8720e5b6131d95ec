using System.Runtime.CompilerServices;

namespace PrimeProps.Runtime;

/// <summary>Boxes a compiler-generated state machine once, on its first suspension; the box is its continuation.</summary>
internal sealed class StateMachineBox<TStateMachine> : KContinuation where TStateMachine : IAsyncStateMachine
{
    public TStateMachine StateMachine = default!;
    internal override void Run() => StateMachine.MoveNext();

    /// <summary>The continuation for <paramref name="task"/>'s method, created on first use.</summary>
    /// <remarks>The box is stored on the task before the state machine is copied into it, so
    /// the copy's builder (which shares the task) sees it too.</remarks>
    public static KContinuation For(KTaskBase task, ref TStateMachine stateMachine)
    {
        if (task.Box is { } existing)
            return existing;
        var box = new StateMachineBox<TStateMachine>();
        task.Box = box;
        box.StateMachine = stateMachine;
        return box;
    }
}

/// <summary>
/// Hands a suspended method's box to what it awaits. The awaiters of this runtime
/// (<see cref="IContinuationAwaiter"/>) take the box itself; any other awaiter gets a delegate,
/// as with the framework's builders. Every kernel function call that reaches a scheduling
/// point suspends, so the delegate was one allocation per call (a tenth of a run's).
/// </summary>
internal static class Awaiting
{
    public static void Hook<TAwaiter>(ref TAwaiter awaiter, KContinuation box) where TAwaiter : INotifyCompletion
    {
        if (ContinuationAwaiter<TAwaiter>.Is)
            ((IContinuationSink)Unsafe.As<TAwaiter, object>(ref awaiter)).Park(box);
        else
            awaiter.OnCompleted(box.Run);
    }

    /// <summary>
    /// Whether <typeparamref name="TAwaiter"/> is one of this runtime's awaiters: a struct whose
    /// one field is the <see cref="IContinuationSink"/> it parks on, so a reference to the
    /// struct reads as that field (checked here, once per type, not assumed).
    /// </summary>
    private static class ContinuationAwaiter<TAwaiter>
    {
        public static readonly bool Is = typeof(TAwaiter).IsValueType
            && typeof(IContinuationAwaiter).IsAssignableFrom(typeof(TAwaiter))
            && typeof(TAwaiter).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                is [{ FieldType: var field }] && typeof(IContinuationSink).IsAssignableFrom(field);
    }
}

public struct KTaskMethodBuilder
{
    private KTask task;

    public static KTaskMethodBuilder Create() => new() { task = new KTask() };
    public readonly KTask Task => task;
    public readonly void Start<TSM>(ref TSM stateMachine) where TSM : IAsyncStateMachine => stateMachine.MoveNext();
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine) { }
    public readonly void SetResult() => task.SetResult();
    public readonly void SetException(Exception exception) => task.Fail(exception);

    public readonly void AwaitOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : INotifyCompletion where TSM : IAsyncStateMachine
        => Awaiting.Hook(ref awaiter, StateMachineBox<TSM>.For(task, ref stateMachine));

    public readonly void AwaitUnsafeOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : ICriticalNotifyCompletion where TSM : IAsyncStateMachine
        => Awaiting.Hook(ref awaiter, StateMachineBox<TSM>.For(task, ref stateMachine));
}

public struct KTaskMethodBuilder<T>
{
    private KTask<T> task;

    public static KTaskMethodBuilder<T> Create() => new() { task = new KTask<T>() };
    public readonly KTask<T> Task => task;
    public readonly void Start<TSM>(ref TSM stateMachine) where TSM : IAsyncStateMachine => stateMachine.MoveNext();
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine) { }
    public readonly void SetResult(T result) => task.SetResult(result);
    public readonly void SetException(Exception exception) => task.Fail(exception);

    public readonly void AwaitOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : INotifyCompletion where TSM : IAsyncStateMachine
        => Awaiting.Hook(ref awaiter, StateMachineBox<TSM>.For(task, ref stateMachine));

    public readonly void AwaitUnsafeOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : ICriticalNotifyCompletion where TSM : IAsyncStateMachine
        => Awaiting.Hook(ref awaiter, StateMachineBox<TSM>.For(task, ref stateMachine));
}
