using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

/// <summary>A failing run of one scenario: the first run of its portfolio that failed with this identity.</summary>
public sealed record FailingRun(int ScenarioIndex, FindingIdentity Identity, RunResult Run, string Strategy);

/// <summary>
/// Everything one scenario's portfolio of schedules came to: the first failing run of each
/// identity, in run order, and what the runs covered. The runs themselves are not kept: the
/// coverage is counted where they ran (on the worker), so a run's trace dies young and the
/// thread that hands outcomes over in order only adds up counts.
/// </summary>
public sealed record ScenarioOutcome(int Index, IReadOnlyList<FailingRun> Failures, Coverage Coverage, ReferenceCoverage Reference)
{
    /// <summary>Runs (schedules) of the portfolio.</summary>
    public int Runs { get; init; }

    /// <summary>Trace events over every run.</summary>
    public long TraceEvents { get; init; }

    /// <summary>Scenario <paramref name="index"/>, generated from its own stream and run under its portfolio.</summary>
    public static ScenarioOutcome Explore(Scenario scenario, int index, ulong seed, Func<LinuxKernel> protocol, PortfolioOptions portfolio, RunOptions options)
    {
        var failures = new List<FailingRun>();
        var coverage = new Coverage();
        var reference = new ReferenceCoverage();
        var typed = new TypedScenario(scenario);
        int runs = 0;
        long events = 0;
        foreach (var (run, strategy) in SchedulePortfolio.Runs(scenario, protocol, ScenarioSeed.ScheduleStream(seed, index), portfolio, options))
        {
            runs++;
            events += run.Trace.Events.Count;
            coverage.Add(run, typed);
            reference.Add(run);
            if (run.Violation is { } v && !failures.Exists(f => f.Identity.Matches(v)))
                failures.Add(new FailingRun(index, FindingIdentity.Of(v), run, strategy));
        }
        return new ScenarioOutcome(index, failures, coverage, reference) { Runs = runs, TraceEvents = events };
    }
}
