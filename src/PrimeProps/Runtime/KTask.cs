using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace PrimeProps.Runtime;

/// <summary>
/// A kernel code path that can stop at scheduling points. Protocol functions are written as
/// <c>async KTask</c> methods so that they read like the C, while the <see cref="Execution.Executor"/>
/// decides which model thread runs after every scheduling point.
/// </summary>
/// <remarks>
/// Unlike <see cref="System.Threading.Tasks.Task"/>, a KTask never touches the thread pool, a
/// synchronization context or the clock: a continuation runs synchronously, on the one OS
/// thread that completes the awaited work. That is what makes a run deterministic.
/// </remarks>
public abstract class KTaskBase : IContinuationSink
{
    private KContinuation? continuation;
    private ExceptionDispatchInfo? failure;
    internal KContinuation? Box; // the boxed state machine of the method that returns this task

    public bool IsCompleted { get; private set; }

    void IContinuationSink.Park(KContinuation next) => OnCompleted(next);

    internal void OnCompleted(KContinuation next)
    {
        if (continuation is not null)
            throw new InvalidOperationException("a KTask can be awaited only once");
        continuation = next;
    }

    protected void Complete()
    {
        IsCompleted = true;
        var next = continuation;
        continuation = null;
        next?.Run();
    }

    internal void Fail(Exception error)
    {
        failure = ExceptionDispatchInfo.Capture(error);
        Complete();
    }

    internal void ThrowIfFailed() => failure?.Throw();

    internal Exception? Failure => failure?.SourceException;
}

[AsyncMethodBuilder(typeof(KTaskMethodBuilder))]
public sealed class KTask : KTaskBase
{
    internal void SetResult() => Complete();

    public Awaiter GetAwaiter() => new(this);

    public readonly struct Awaiter(KTask task) : IContinuationAwaiter
    {
        public bool IsCompleted => task.IsCompleted;
        public void OnCompleted(Action continuation) => task.OnCompleted(new ActionContinuation(continuation));
        public void GetResult() => task.ThrowIfFailed();
    }
}

[AsyncMethodBuilder(typeof(KTaskMethodBuilder<>))]
public sealed class KTask<T> : KTaskBase
{
    private T result = default!;

    internal void SetResult(T value)
    {
        result = value;
        Complete();
    }

    public Awaiter GetAwaiter() => new(this);

    public readonly struct Awaiter(KTask<T> task) : IContinuationAwaiter
    {
        public bool IsCompleted => task.IsCompleted;
        public void OnCompleted(Action continuation) => task.OnCompleted(new ActionContinuation(continuation));

        public T GetResult()
        {
            task.ThrowIfFailed();
            return task.result;
        }
    }
}
