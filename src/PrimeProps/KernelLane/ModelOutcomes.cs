using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;
using PrimeProps.Search.Strategies;
using PrimeProps.Tracing;

namespace PrimeProps.KernelLane;

/// <summary>
/// One outcome the model can produce, with the first run that produced it (its schedule
/// replays it) and whether some run producing it was linearizable against the sequential
/// reference: an outcome no run explains sequentially is one of the model's findings.
/// </summary>
public sealed class ModelWitness(Outcome outcome, RunResult run, bool linearizable)
{
    public Outcome Outcome { get; } = outcome;
    public RunResult Run { get; private set; } = run;
    public bool Linearizable { get; private set; } = linearizable;

    internal void Explained(RunResult run)
    {
        Run = run;
        Linearizable = true;
    }
}

/// <summary>The outcomes an exploration of a scenario's schedules found, and how far it went.</summary>
public sealed record ModelOutcomeSet(IReadOnlyDictionary<Outcome, ModelWitness> Outcomes, int Runs, bool Exhaustive, int Bound, IReadOnlyDictionary<OracleKind, int> Stopped)
{
    public ModelWitness? Find(Outcome o) => Outcomes.GetValueOrDefault(o);

    /// <summary>The model outcome a kernel outcome stands for (<see cref="Outcome.Admits"/>): the exact one, else one its unidentified fds admit.</summary>
    public ModelWitness? Find(Outcome kernel, Scenario scenario)
        => Find(kernel) ?? Outcomes.Where(p => kernel.Admits(p.Key, scenario)).OrderBy(p => p.Key.Key, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault();
}

/// <summary>
/// The model's side of a litmus test: the outcomes a protocol can produce for a scenario,
/// enumerated over every schedule with at most a given number of preemptions (CHESS-style,
/// <see cref="PreemptionBoundedExplorer"/>), and a search for one given outcome that prunes
/// every schedule at the first call that returned something else.
/// </summary>
public static class ModelOutcomes
{
    /// <summary>
    /// Outcomes only: the reference check runs once per outcome, not per run, and lockdep
    /// (lock order, not results) is off. Every other oracle stays: a run it stops has no outcome.
    /// </summary>
    private static readonly RunOptions Options = new() { Reference = false, LockDep = false };

    public static ModelOutcomeSet Explore(Scenario scenario, Func<LinuxKernel> protocol, int bound, int maxRuns)
    {
        var found = new Dictionary<Outcome, ModelWitness>();
        var stopped = new Dictionary<OracleKind, int>();
        var reference = ReferenceOf(protocol());
        int runs = 0;
        foreach (var run in PreemptionBoundedExplorer.Explore(scenario, protocol, bound, maxRuns, options: Options))
        {
            runs++;
            if (Outcome.Of(scenario, run) is not { } outcome)
            {
                var kind = run.Violation!.Oracle;
                stopped[kind] = stopped.GetValueOrDefault(kind) + 1;
                continue;
            }
            if (!found.TryGetValue(outcome, out var witness))
                found[outcome] = new ModelWitness(outcome, run, Linearizable(scenario, run, reference));
            else if (!witness.Linearizable && Linearizable(scenario, run, reference))
                witness.Explained(run);
        }
        return new ModelOutcomeSet(found, runs, runs < maxRuns, bound, stopped);
    }

    /// <summary>
    /// A run of the model that produces <paramref name="target"/>, searching schedules with up
    /// to <paramref name="bound"/> preemptions; null when none does within <paramref name="maxRuns"/>
    /// runs (<paramref name="runs"/> says how many it took; fewer than the budget means every
    /// schedule within the bound was covered).
    /// </summary>
    public static ModelWitness? Search(Scenario scenario, Func<LinuxKernel> protocol, Outcome target, int bound, int maxRuns, out int runs)
    {
        var flat = Outcome.FlatOps(scenario);
        var index = flat.Select((op, k) => (op, k)).ToDictionary(p => p.op, p => p.k);
        int BranchBelow(RunResult run)
        {
            int firstWrong = int.MaxValue;
            foreach (var c in run.History)
                if (c.Thread >= 0 && target.Results[index[(c.Thread, c.Op)]] != c.Result)
                    firstWrong = Math.Min(firstWrong, c.Returned);
            return firstWrong == int.MaxValue ? int.MaxValue : firstWrong - SetupSteps(run);
        }

        runs = 0;
        ModelWitness? witness = null;
        var reference = ReferenceOf(protocol());
        foreach (var run in PreemptionBoundedExplorer.Explore(scenario, protocol, bound, maxRuns, BranchBelow, Options))
        {
            runs++;
            if (Outcome.Of(scenario, run) is { } outcome && target.Admits(outcome, scenario))
            {
                bool linearizable = Linearizable(scenario, run, reference);
                witness ??= new ModelWitness(outcome, run, linearizable);
                if (linearizable)
                {
                    witness.Explained(run);
                    break;
                }
            }
        }
        return witness;
    }

    /// <summary>
    /// <see cref="Search"/> under the scenario's own dma-buf address order, then under every
    /// other order of its first dma-bufs (at most <see cref="LaneComparer.OrderedDmaBufs"/>, as
    /// many as <paramref name="target"/> names): slab addresses shape the prime caches' rb-trees,
    /// so which handle a lookup returns is the kernel's free choice, not the scenario's. Each
    /// other order gets an equal share of <paramref name="maxRuns"/> (at least 10,000 runs).
    /// The witness's run carries the order it used, so it replays.
    /// </summary>
    public static ModelWitness? SearchAnyAddressOrder(Scenario scenario, Func<LinuxKernel> protocol, Outcome target, int bound, int maxRuns, out int runs)
    {
        var found = Search(scenario, protocol, target, bound, maxRuns, out runs);
        int dmaBufs = target.DmaBufs.DefaultIfEmpty(0).Max();
        if (found is not null || dmaBufs < 2)
            return found;
        var others = LaneComparer.OtherAddressOrders(scenario, dmaBufs).ToList();
        int share = Math.Max(maxRuns / others.Count, 10_000);
        foreach (var order in others)
        {
            found = Search(scenario with { Addresses = order }, protocol, target, bound, share, out int more);
            runs += more;
            if (found is not null)
                return found;
        }
        return null;
    }

    /// <summary>The fd numbering the reference must follow, or null for a protocol the reference does not describe.</summary>
    private static ExportFdOrder? ReferenceOf(LinuxKernel kernel) => kernel.FollowsModernReference ? kernel.ExportFdOrder : null;

    /// <summary>
    /// Whether the run's results have a sequential explanation; always so for a protocol the
    /// reference does not describe. A verdict the reference could not reach (Unknown) is not an
    /// explanation: the outcome stays unexplained rather than silently passing.
    /// </summary>
    private static bool Linearizable(Scenario scenario, RunResult run, ExportFdOrder? reference)
        => reference is not { } order || ReferenceOracle.Check(scenario, run.History, run.Trace, order).Outcome == ReferenceOutcome.Pass;

    /// <summary>Steps the setup took before the threads' first choice (a call returning at step s was decided by choice s - 1 - this).</summary>
    private static int SetupSteps(RunResult run)
    {
        foreach (var e in run.Trace.Events)
            if (e.Kind == TraceKind.Step && e.Thread >= 0)
                return e.Step - 1;
        return 0;
    }
}
