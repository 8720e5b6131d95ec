using System.Runtime.CompilerServices;

namespace PrimeProps.Runtime;

/// <summary>What runs when awaited work completes: in practice the boxed state machine of the awaiting method.</summary>
public abstract class KContinuation
{
    internal abstract void Run();
}

/// <summary>A continuation that an awaiter of the framework's kind handed over as a delegate.</summary>
internal sealed class ActionContinuation(Action action) : KContinuation
{
    internal override void Run() => action();
}

/// <summary>Where a suspended method parks its continuation: the task it awaits, or the executor at a scheduling point.</summary>
public interface IContinuationSink
{
    void Park(KContinuation next);
}

/// <summary>
/// An awaiter that is a struct whose only field is the <see cref="IContinuationSink"/> it parks
/// on: the method builders hand it the continuation without making a delegate.
/// </summary>
public interface IContinuationAwaiter : INotifyCompletion;
