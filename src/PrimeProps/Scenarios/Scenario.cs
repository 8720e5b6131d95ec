using PrimeProps.Kernel;

namespace PrimeProps.Scenarios;

public sealed record DeviceDecl(string Name, DeviceKind Kind);

public sealed record ThreadDecl(string Name, IReadOnlyList<Op> Ops);

/// <summary>"Run thread <see cref="Thread"/> for <see cref="Count"/> steps."</summary>
public readonly record struct ScheduleRun(int Thread, int Count);

/// <summary>
/// Make the first allocation at <see cref="Site"/> fail with ENOMEM while op <see cref="Op"/>
/// (0-based) of <see cref="Thread"/> runs; thread -1 is the setup.
/// </summary>
public readonly record struct Fault(int Thread, int Op, string Site);

/// <summary>
/// What to do: devices, a sequential setup, per-thread op lists that run concurrently, the
/// schedule of the concurrent part (step by step; when it runs out, the running thread goes
/// on while it can, else the lowest-numbered runnable one), and the allocation faults.
/// </summary>
public sealed record Scenario(
    IReadOnlyList<DeviceDecl> Devices,
    IReadOnlyList<Op> Setup,
    IReadOnlyList<ThreadDecl> Threads,
    IReadOnlyList<ScheduleRun> Schedule,
    IReadOnlyList<Fault> Faults)
{
    public const int SetupThread = -1;

    /// <summary>
    /// The kernel address order of the dma-bufs the run makes: entry k places the k-th dma-buf
    /// (in order of creation) at that position among the k made before it (0 = lowest address).
    /// Past the list each new dma-buf goes above all earlier ones. Line "addresses: 0 1 0".
    /// </summary>
    public IReadOnlyList<int> Addresses { get; init; } = [];

    public IReadOnlyList<Op> OpsOf(int thread) => thread == SetupThread ? Setup : Threads[thread].Ops;

    public string ThreadName(int thread) => thread == SetupThread ? "setup" : Threads[thread].Name;

    public int OpCount => Setup.Count + Threads.Sum(t => t.Ops.Count);

    /// <summary>
    /// The scenario file text, so FsCheck, xunit and debuggers show the whole scenario rather
    /// than the record's list types; a hand-built scenario the printer cannot render says why.
    /// </summary>
    public override string ToString()
    {
        try
        {
            return ScenarioPrinter.Print(this);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException)
        {
            return $"Scenario ({Devices.Count} devices, {OpCount} ops, {Threads.Count} threads; not printable: {e.Message})";
        }
    }

    /// <summary>The schedule as one thread index per step.</summary>
    public IEnumerable<int> ScheduleSteps() => Schedule.SelectMany(r => Enumerable.Repeat(r.Thread, r.Count));

    /// <summary>Run-length form of a step-by-step schedule.</summary>
    public static IReadOnlyList<ScheduleRun> Compress(IEnumerable<int> steps)
    {
        var runs = new List<ScheduleRun>();
        foreach (var t in steps)
        {
            if (runs.Count > 0 && runs[^1].Thread == t)
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            else
                runs.Add(new ScheduleRun(t, 1));
        }
        return runs;
    }
}
