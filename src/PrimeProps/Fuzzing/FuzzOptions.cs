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

/// <summary>How a fuzzer's input bytes become a scenario.</summary>
public enum FuzzInput
{
    /// <summary>The byte codec (<see cref="Scenarios.Bytes.ScenarioBytes"/>): one byte per field of the scenario.</summary>
    Bytes,
    /// <summary>The typed generator's choices (<see cref="ScenarioChoices"/>): one byte per random draw.</summary>
    Choices,
}

/// <summary>
/// How one fuzzer execution runs its input: <see cref="Input"/>, how its bytes become a
/// scenario; <see cref="Schedules"/> extra schedules (PCT at depths 2 and 3: one or two
/// preemptions at random points) after the scenario's own, tried until one fails;
/// <see cref="Feedback"/>: the interleaving signal reported for every run.
/// </summary>
public sealed record FuzzOptions
{
    public FuzzInput Input { get; init; }
    public int Schedules { get; init; }
    /// <summary>
    /// When above 0, the extra schedules are check's portfolio with this budget instead of PCT
    /// samples (<see cref="Search.SchedulePortfolio"/>: every one-preemption schedule when they
    /// fit, then PCT and random): a race whose ops are there is found for certain, at the cost
    /// of up to this many runs per execution. <see cref="Schedules"/> is then unused.
    /// </summary>
    public int Portfolio { get; init; }
    public InterleavingFeedback Feedback { get; init; }

    public static readonly FuzzOptions Plain = new();
}
