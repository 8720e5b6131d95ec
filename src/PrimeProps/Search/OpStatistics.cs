using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

/// <summary>One op kind's calls: how many, how many succeeded, each errno, and the same for the calls whose input was not deliberately bad.</summary>
public sealed class OpTally
{
    public int Calls { get; internal set; }
    public int Successes { get; internal set; }
    /// <summary>Calls whose input the scenario's typing reads as deliberately bad (<see cref="BadInput"/>).</summary>
    public int BadInput { get; internal set; }
    public int GoodCalls => Calls - BadInput;
    public int GoodSuccesses { get; internal set; }
    public SortedDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Successes among the calls not drawn as deliberately bad input; null when there were none.</summary>
    public double? GoodSuccessRate => GoodCalls == 0 ? null : (double)GoodSuccesses / GoodCalls;
}

/// <summary>
/// Per op kind, over a batch of runs: calls (the setup's and the threads', every call that
/// completed), successes, each errno, and the success rate over the calls whose input was
/// not deliberately bad as <see cref="TypedScenario"/> reads the scenario.
/// </summary>
public sealed class OpStatistics
{
    private readonly SortedDictionary<string, OpTally> tallies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, OpTally> ByOp => tallies;

    public void Add(RunResult run, TypedScenario typed)
    {
        foreach (var c in run.History)
        {
            var t = Tally(OpSpec.Of(c.Kind).Name);
            bool bad = typed[c.Thread, c.Op].Bad != Scenarios.Typing.BadInput.None;
            t.Calls++;
            if (bad)
                t.BadInput++;
            if (c.Result >= 0)
            {
                t.Successes++;
                if (!bad)
                    t.GoodSuccesses++;
            }
            else
            {
                var errno = Errno.Format(c.Result);
                t.Errors[errno] = t.Errors.GetValueOrDefault(errno) + 1;
            }
        }
    }

    public void Merge(OpStatistics other)
    {
        foreach (var (op, o) in other.tallies)
        {
            var t = Tally(op);
            t.Calls += o.Calls;
            t.Successes += o.Successes;
            t.BadInput += o.BadInput;
            t.GoodSuccesses += o.GoodSuccesses;
            foreach (var (e, n) in o.Errors)
                t.Errors[e] = t.Errors.GetValueOrDefault(e) + n;
        }
    }

    private OpTally Tally(string op)
    {
        if (!tallies.TryGetValue(op, out var t))
            tallies[op] = t = new OpTally();
        return t;
    }
}
