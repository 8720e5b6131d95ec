using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Execution;

public sealed record RunOptions
{
    /// <summary>A run longer than this many steps is reported as non-terminating.</summary>
    public int MaxSteps { get; init; } = 100_000;
    /// <summary>
    /// Whether syscall results are checked against the sequential reference of today's
    /// semantics (linearizability for concurrent runs); null: when the protocol follows it.
    /// </summary>
    public bool? Reference { get; init; }
    /// <summary>Whether lock acquisitions are checked for order inversions (lockdep).</summary>
    public bool LockDep { get; init; } = true;
    /// <summary>Oracles checked during the run; the default set unless replaced.</summary>
    public IReadOnlyList<IOracle> Oracles { get; init; } = OracleSet.Default;
}

/// <summary>
/// Runs a scenario against a protocol on one OS thread. Model threads are coroutines; at every
/// scheduling point the strategy picks which runnable thread goes next. Three phases: the
/// setup alone, the threads concurrently, then process exit (every fd closed) alone.
/// </summary>
public sealed partial class Executor : Runtime.IContinuationSink
{
    private readonly Scenario scenario;
    private readonly LinuxKernel kernel;
    private readonly KernelState state = new();
    private readonly RunOptions options;
    private readonly Trace trace = new(lastTraceLength + lastTraceLength / 8 + 16);
    private readonly IReadOnlyDictionary<Op, string> labels; // op -> its text, for the trace

    // The length of this OS thread's previous trace. Runs come in series of one scenario (a
    // portfolio, a shrink), so it sizes the next trace about right: growing a list of events
    // from empty was a quarter of what a run allocated. It changes no trace, only their room.
    [ThreadStatic] private static int lastTraceLength;
    private readonly LockOrderGraph lockdep = new();
    private readonly List<Call> history = [];
    private readonly List<int> choices = [];
    private readonly Dictionary<string, long> values = [];
    private readonly HashSet<Fault> faultsLeft;
    private ModelThread current = null!;
    private int step;
    private int threadsInSyscall;
    private int explicitChoices; // choices up to the last one the fallback would not have made
    private int preemptions;     // choices the fallback would not have made
    private string stepFunction = "";

    private Executor(Scenario scenario, LinuxKernel kernel, RunOptions options)
    {
        this.scenario = scenario;
        this.kernel = kernel;
        this.options = options;
        faultsLeft = [.. scenario.Faults];
        labels = TraceLabels.OpsOf(scenario);
        foreach (var d in scenario.Devices)
            state.AddDevice(d.Name, d.Kind);
        var addresses = scenario.Addresses;
        state.PlaceDmaBuf = made => made < addresses.Count ? addresses[made] : made;
        kernel.Attach(this, state);
    }

    public static RunResult Run(Scenario scenario, LinuxKernel kernel, ISchedulingStrategy? strategy = null, RunOptions? options = null)
        => new Executor(scenario, kernel, options ?? new RunOptions()).RunAll(strategy ?? new ScriptedStrategy([.. scenario.ScheduleSteps()]));

    public KernelState State => state;
    internal int CurrentThread => current.Index;

    private RunResult RunAll(ISchedulingStrategy strategy)
    {
        var violation =
            RunPhase([NewThread(Scenario.SetupThread, "setup", t => RunOps(t, scenario.Setup))], null)
            ?? RunPhase([.. scenario.Threads.Select((d, i) => NewThread(i, d.Name, t => RunOps(t, d.Ops)))], strategy)
            ?? RunPhase([NewThread(scenario.Threads.Count, "exit", ExitProcess)], null)
            ?? CheckTeardown();
        var reference = violation is null && (options.Reference ?? kernel.FollowsModernReference)
            ? ReferenceOracle.Check(scenario, history, trace, kernel.ExportFdOrder, kernel.Ops) : ReferenceVerdict.NotChecked;
        violation ??= reference.Violation;
        lastTraceLength = trace.Events.Count;
        return new RunResult(scenario, kernel.Name, violation, trace, choices, explicitChoices, preemptions, state) { History = history, Reference = reference };
    }

    private ModelThread NewThread(int index, string name, Func<ModelThread, KTask> body)
    {
        var t = new ModelThread(index, name);
        current = t;
        t.Root = body(t); // runs up to the thread's first scheduling point
        return t;
    }

    private Violation? RunPhase(ModelThread[] threads, ISchedulingStrategy? strategy)
    {
        Span<int> runnable = stackalloc int[threads.Length];
        int last = -1;
        while (true)
        {
            int n = 0;
            foreach (var t in threads)
                if (t.Runnable)
                    runnable[n++] = t.Index;
            if (n == 0)
                return threads.All(t => t.Finished) ? null : DeadlockReport(threads);

            int pick = strategy is null ? runnable[0] : strategy.Pick(runnable[..n], last, step);
            var thread = ThreadWithIndex(threads, pick);
            if (strategy is not null)
            {
                choices.Add(pick);
                if (pick != ScriptedStrategy.Fallback(runnable[..n], last))
                {
                    explicitChoices = choices.Count;
                    preemptions++;
                }
            }
            last = pick;
            if (++step > options.MaxSteps)
                return new Violation(OracleKind.NonTermination, $"no end after {options.MaxSteps} steps", thread.PendingFunction, []) { Step = step, Thread = thread.Name };

            if (StepOnce(thread) is { } v)
                return v;
        }
    }

    private static ModelThread ThreadWithIndex(ModelThread[] threads, int index)
    {
        foreach (var t in threads) // a loop, not First(lambda): this runs at every step and must not allocate
            if (t.Index == index)
                return t;
        throw new InvalidOperationException($"the strategy picked thread {index}, which is not in this phase");
    }

    private Violation? StepOnce(ModelThread t)
    {
        state.NextStep();
        stepFunction = t.PendingFunction;
        trace.Events.Add(new TraceEvent(TraceKind.Step, step, t.Index, t.CurrentOp, t.PendingFunction, t.PendingAction, 0));
        if (t.Wants is { } mutex)
        {
            mutex.Owner = t.Index;
            t.Wants = null;
            if (options.LockDep && lockdep.Acquired(t.Index, t.Name, mutex, t.PendingFunction, step) is { } inversion)
                return inversion with { Step = step, Thread = t.Name };
        }
        current = t;
        var resume = t.Resume!;
        t.Resume = null;
        resume.Run();

        if (t.Root!.Failure is { } error)
        {
            if (error is KernelBugException bug)
                return bug.Violation with { Step = step, Thread = t.Name };
            throw new InvalidOperationException($"model error at step {step} in thread {t.Name}: {error.Message}", error);
        }
        return CheckOracles(t);
    }

    private Violation? CheckOracles(ModelThread t)
    {
        var oracles = options.Oracles; // indexed: foreach over the interface boxes an enumerator at every step
        for (int i = 0; i < oracles.Count; i++)
            if (oracles[i].AfterStep(state, state.StepTouched) is { } v)
                return Place(v, t);
        if (threadsInSyscall > 0)
            return null;
        for (int i = 0; i < oracles.Count; i++)
            if (oracles[i].AtQuiescence(state, state.WindowTouched) is { } v)
                return Place(v, t);
        state.NextWindow();
        return null;
    }

    /// <summary>A state oracle knows what is wrong, not where: it was seen after this step.</summary>
    private Violation Place(Violation v, ModelThread t)
        => v with { Step = step, Thread = t.Name, Function = v.Function.Length > 0 ? v.Function : $"after {stepFunction}" };

    private Violation? CheckTeardown()
    {
        foreach (var oracle in options.Oracles)
            if (oracle.AtTeardown(state) is { } v)
                return v with { Step = step };
        return null;
    }

    private Violation DeadlockReport(ModelThread[] threads)
    {
        var waits = threads.Where(t => !t.Finished && t.Wants is not null)
            .Select(t => $"{t.Name} waits for {t.Wants} held by {OwnerName(t.Wants!, threads)} (in {t.PendingFunction})");
        return new Violation(OracleKind.Deadlock, "no thread can run: " + string.Join("; ", waits),
            threads.First(t => !t.Finished).PendingFunction, []) { Step = step };
    }

    private static string OwnerName(KMutex m, ModelThread[] threads)
        => threads.FirstOrDefault(t => t.Index == m.Owner)?.Name ?? $"thread {m.Owner}";
}
