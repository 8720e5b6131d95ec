using System.Runtime.CompilerServices;

namespace PrimeProps.Runtime;

/// <summary>Boxes a compiler-generated state machine once, on its first suspension.</summary>
internal sealed class StateMachineBox<TStateMachine> where TStateMachine : IAsyncStateMachine
{
    public TStateMachine StateMachine = default!;
    public void MoveNext() => StateMachine.MoveNext();

    /// <summary>The continuation for <paramref name="task"/>'s method, created on first use.</summary>
    /// <remarks>The action is stored on the task before the state machine is copied into the
    /// box, so the copy's builder (which shares the task) sees it too.</remarks>
    public static Action For(KTaskBase task, ref TStateMachine stateMachine)
    {
        if (task.MoveNext is { } existing)
            return existing;
        var box = new StateMachineBox<TStateMachine>();
        task.MoveNext = box.MoveNext;
        box.StateMachine = stateMachine;
        return task.MoveNext;
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
        => awaiter.OnCompleted(StateMachineBox<TSM>.For(task, ref stateMachine));

    public readonly void AwaitUnsafeOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : ICriticalNotifyCompletion where TSM : IAsyncStateMachine
        => awaiter.OnCompleted(StateMachineBox<TSM>.For(task, ref stateMachine));
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
        => awaiter.OnCompleted(StateMachineBox<TSM>.For(task, ref stateMachine));

    public readonly void AwaitUnsafeOnCompleted<TA, TSM>(ref TA awaiter, ref TSM stateMachine)
        where TA : ICriticalNotifyCompletion where TSM : IAsyncStateMachine
        => awaiter.OnCompleted(StateMachineBox<TSM>.For(task, ref stateMachine));
}
