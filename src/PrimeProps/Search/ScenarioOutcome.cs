using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>A failing run of one scenario: the first run of its portfolio that failed with this identity.</summary>
public sealed record FailingRun(int ScenarioIndex, FindingIdentity Identity, RunResult Run, string Strategy);

/// <summary>
/// Everything one scenario's portfolio of schedules came to: every run (for coverage), and
/// the first failing run of each identity, in run order.
/// </summary>
public sealed record ScenarioOutcome(int Index, IReadOnlyList<RunResult> Runs, IReadOnlyList<FailingRun> Failures)
{
    public long TraceEvents => Runs.Sum(r => (long)r.Trace.Events.Count);

    /// <summary>Scenario <paramref name="index"/>, generated from its own stream and run under its portfolio.</summary>
    public static ScenarioOutcome Explore(Scenario scenario, int index, ulong seed, Func<LinuxKernel> protocol, PortfolioOptions portfolio, RunOptions options)
    {
        var runs = new List<RunResult>();
        var failures = new List<FailingRun>();
        foreach (var (run, strategy) in SchedulePortfolio.Runs(scenario, protocol, ScenarioSeed.ScheduleStream(seed, index), portfolio, options))
        {
            runs.Add(run);
            if (run.Violation is { } v && !failures.Exists(f => f.Identity.Matches(v)))
                failures.Add(new FailingRun(index, FindingIdentity.Of(v), run, strategy));
        }
        return new ScenarioOutcome(index, runs, failures);
    }
}
