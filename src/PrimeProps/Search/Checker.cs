using System.Diagnostics;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Scenarios;
using PrimeProps.Shrinking;

namespace PrimeProps.Search;

public sealed record CheckOptions
{
    /// <summary>Scenario indices 0 .. Scenarios-1 (of which a shard takes its part); with <see cref="TimeLimit"/> an upper bound.</summary>
    public int Scenarios { get; init; } = 2000;
    public ulong Seed { get; init; } = 1;
    public GeneratorOptions Generator { get; init; } = new();
    public RunOptions Run { get; init; } = new();
    public PortfolioOptions Schedules { get; init; } = new();
    /// <summary>OS threads running scenarios (and shrinking findings); the results do not depend on it.</summary>
    public int Jobs { get; init; } = 1;
    /// <summary>Stop starting scenarios once this much time has passed; the report says how many ran, to repeat with <see cref="Scenarios"/>.</summary>
    public TimeSpan? TimeLimit { get; init; }
    public Shard Shard { get; init; } = Shard.Whole;
    /// <summary>Patch review (--base): asked about every failing run; a failure shared with the base is skipped.</summary>
    public BaseComparison? Base { get; init; }
    /// <summary>
    /// Failing scenarios of each identity that are shrunk (the first ones by index); the smallest
    /// result is kept. Shrinking is a local search, and one failing scenario can sit in a shape
    /// whose minimum is larger than the bug's (a handle kept only to pin a number).
    /// </summary>
    public int ShrinkCandidates { get; init; } = 3;
}

/// <summary>One distinct failure (one identity): the run that found it first, its shrunk form, and how often it came up.</summary>
public sealed record Finding(FailingRun First, RunResult Shrunk, int ShrinkRuns, int Scenarios)
{
    /// <summary>The failing run the kept shrink started from: <see cref="First"/>, or a later scenario's when its shrink came out smaller.</summary>
    public FailingRun ShrunkFrom { get; init; } = First;
    public int ScenarioIndex => First.ScenarioIndex;
    public RunResult Found => First.Run;
    public FindingIdentity Identity => First.Identity;
    /// <summary>The schedule strategy of the portfolio that found it ("PCT d=2", ...).</summary>
    public string Strategy => First.Strategy;
    public Violation Violation => Shrunk.Violation!;
}

/// <param name="Scenarios">Scenarios run (of this shard).</param>
/// <param name="IndexLimit">Every index of this shard below it was run: <c>--scenarios IndexLimit</c> repeats the run exactly.</param>
/// <param name="Runs">Runs (schedules) over all scenarios.</param>
public sealed record CheckReport(string Protocol, int Scenarios, long Steps, IReadOnlyList<Finding> Findings, Coverage Coverage, bool Interrupted = false)
{
    public int IndexLimit { get; init; }
    public long Runs { get; init; }
    public bool TimeUp { get; init; }
    public Shard Shard { get; init; } = Shard.Whole;
    public bool Clean => Findings.Count == 0;

    /// <summary>Runs the reference oracle checked, and those it could not (with why).</summary>
    public ReferenceCoverage Reference { get; init; } = new();
}

/// <summary>
/// Random scenarios, each under a portfolio of schedules (<see cref="SchedulePortfolio"/>),
/// against one protocol. The first failure of each identity (oracle and kernel function), by
/// scenario index, is shrunk and kept; later ones are counted. Scenario i and all its
/// schedules depend only on (seed, i), so any of them can be regenerated alone, and the
/// findings are the same for any number of jobs and for the union of shards.
/// </summary>
public sealed class Checker(Func<LinuxKernel> protocol, CheckOptions options)
{
    public CheckReport Run(Action<int>? progress = null, CancellationToken cancel = default)
    {
        var ledger = new FindingLedger(options.ShrinkCandidates);
        var coverage = new Coverage();
        var reference = new ReferenceCoverage();
        long steps = 0, runs = 0;
        int done = 0, indexLimit = 0;
        bool timeUp = false;
        var clock = Stopwatch.StartNew();
        var indices = Enumerable.Range(0, options.Scenarios).Where(options.Shard.Contains);
        OrderedParallel.Run(indices, options.Jobs, Explore, (index, outcome) =>
        {
            ledger.Add(outcome, options.Base is { } onBase ? failure => !onBase.IsShared(failure.Run) : null);
            coverage.Merge(outcome.Coverage);
            reference.Merge(outcome.Reference);
            steps += outcome.TraceEvents;
            runs += outcome.Runs;
            indexLimit = index + 1;
            done++;
            progress?.Invoke(done);
            timeUp = clock.Elapsed >= options.TimeLimit;
            return !timeUp;
        }, cancel);
        if (!timeUp && !cancel.IsCancellationRequested)
            indexLimit = options.Scenarios;

        var findings = new List<Finding>();
        OrderedParallel.Run(ledger.Firsts, options.Jobs, first => Shrink(ledger.Kept(first.Identity), ledger.ScenariosWith(first.Identity), cancel),
            (_, finding) => { findings.Add(finding); return true; });
        return new CheckReport(protocol().Name, done, steps, findings, coverage, cancel.IsCancellationRequested)
        {
            IndexLimit = indexLimit, Runs = runs, TimeUp = timeUp, Shard = options.Shard, Reference = reference,
        };
    }

    /// <summary>Scenario <paramref name="index"/> of this seed.</summary>
    public Scenario ScenarioAt(int index) => new ScenarioGenerator(generatorOptions.Value).Generate(ScenarioSeed.ScenarioStream(options.Seed, index));

    /// <summary>The generator's options for the calls this protocol's kernel has.</summary>
    private readonly Lazy<GeneratorOptions> generatorOptions = new(() => options.Generator.ForOps(protocol().Ops));

    /// <summary>Scenario <paramref name="index"/> under every schedule of its portfolio.</summary>
    public ScenarioOutcome Explore(int index) => ScenarioOutcome.Explore(ScenarioAt(index), index, options.Seed, protocol, options.Schedules, options.Run);

    /// <summary>Scenario <paramref name="index"/> of this seed, as check draws it for this protocol, under its fallback schedule.</summary>
    public RunResult RunOne(int index) => Executor.Run(ScenarioAt(index), protocol(), options: options.Run);

    /// <summary>Scenario <paramref name="index"/> of this seed drawn by another generator (a benchmark's fixed shape), under its fallback schedule.</summary>
    public RunResult RunOne(ScenarioGenerator generator, int index)
        => Executor.Run(generator.Generate(ScenarioSeed.ScenarioStream(options.Seed, index)), protocol(), options: options.Run);

    /// <summary>Each kept failing run shrunk in turn (index order); the smallest result wins, the earlier one on a tie.</summary>
    private Finding Shrink(IReadOnlyList<FailingRun> kept, int scenarios, CancellationToken cancel)
    {
        Finding? best = null;
        int runs = 0;
        foreach (var candidate in kept)
        {
            // With a base, every smaller candidate must also stay the patch's own failure.
            var shrinker = new Shrinker(protocol, options.Run, options.Base is { } onBase ? run => !onBase.FailsTheSameWay(run) : null);
            var shrunk = shrinker.Shrink(candidate.Run, cancel);
            runs += shrinker.Runs;
            if (best is null || ScenarioSize.Of(shrunk).CompareTo(ScenarioSize.Of(best.Shrunk)) < 0)
                best = new Finding(kept[0], shrunk, 0, scenarios) { ShrunkFrom = candidate };
            if (cancel.IsCancellationRequested)
                break;
        }
        DeterminismCheck.Replay(best!.Shrunk, protocol, options.Run);
        return best with { ShrinkRuns = runs };
    }
}
