namespace PrimeProps.Fuzzing;

/// <summary>Which concurrency a run reports to the fuzzer besides the model's branch edges (<see cref="InterleavingSignal"/>).</summary>
public enum InterleavingFeedback
{
    /// <summary>Branch edges only: an input that reaches known branches in a new order looks like nothing new.</summary>
    None,
    /// <summary>Each context switch: the scheduling point a thread left off at and the one the next thread resumed at.</summary>
    Switches,
    /// <summary>Each pair of accesses to one kernel object by two threads, at least one not a plain read, in their order (KRACE's alias coverage).</summary>
    Accesses,
}

/// <summary>
/// How one fuzzer execution runs its input: <see cref="Schedules"/> extra schedules (PCT at
/// depths 2 and 3: one or two preemptions at random points) after the scenario's own, tried
/// until one fails; <see cref="Feedback"/>: the interleaving signal reported for every run.
/// </summary>
public sealed record FuzzOptions
{
    public int Schedules { get; init; }
    public InterleavingFeedback Feedback { get; init; }

    public static readonly FuzzOptions Plain = new();
}
