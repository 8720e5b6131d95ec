using System.Runtime.CompilerServices;

namespace PrimeProps.Execution;

/// <summary>
/// <c>await</c>ing this hands control back to the executor, which then picks the thread that
/// runs next. The label names the action the thread performs when it is resumed.
/// </summary>
public readonly struct SchedPoint(Executor executor) : Runtime.IContinuationAwaiter
{
    public SchedPoint GetAwaiter() => this;
    public bool IsCompleted => false;
    public void OnCompleted(Action continuation) => ((Runtime.IContinuationSink)executor).Park(new Runtime.ActionContinuation(continuation));
    public void GetResult() { }
}
