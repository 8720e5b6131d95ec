using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Shrinking;

namespace PrimeProps.Search;

public sealed record CheckOptions
{
    public int Scenarios { get; init; } = 2000;
    public ulong Seed { get; init; } = 1;
    public GeneratorOptions Generator { get; init; } = new();
    public RunOptions Run { get; init; } = new();
    /// <summary>Patch review (--base): asked about every failing run; a failure shared with the base is skipped.</summary>
    public BaseComparison? Base { get; init; }
}

/// <summary>One distinct failure: the run that found it, its shrunk form, and how to get it again.</summary>
public sealed record Finding(int ScenarioIndex, RunResult Found, RunResult Shrunk, int ShrinkRuns)
{
    public Violation Violation => Shrunk.Violation!;
}

public sealed record CheckReport(string Protocol, int Scenarios, long Steps, IReadOnlyList<Finding> Findings, Coverage Coverage, bool Interrupted = false)
{
    public bool Clean => Findings.Count == 0;
}

/// <summary>
/// Random scenarios under random schedules against one protocol. The first failure of each
/// oracle is shrunk and kept; later failures of an oracle already found are counted only.
/// Scenario i depends only on (seed, i), so any one of them can be regenerated alone.
/// </summary>
public sealed class Checker(Func<LinuxKernel> protocol, CheckOptions options)
{
    public CheckReport Run(Action<int>? progress = null, CancellationToken cancel = default)
    {
        var generator = new ScenarioGenerator(options.Generator);
        var findings = new List<Finding>();
        var seen = new HashSet<OracleKind>();
        var coverage = new Coverage();
        long steps = 0;
        int done = 0;
        for (int i = 0; i < options.Scenarios && !cancel.IsCancellationRequested; i++, done++)
        {
            var result = RunOne(generator, i);
            steps += result.Trace.Events.Count;
            coverage.Add(result);
            progress?.Invoke(i + 1);
            if (result.Violation is { } v && options.Base?.IsShared(result) != true && seen.Add(v.Oracle))
            {
                var shrinker = new Shrinker(protocol, options.Run);
                var shrunk = shrinker.Shrink(result, cancel);
                shrunk = options.Base?.KeepPatchOnly(result, shrunk) ?? shrunk;
                DeterminismCheck.Replay(shrunk, protocol, options.Run);
                findings.Add(new Finding(i, result, shrunk, shrinker.Runs));
            }
        }
        return new CheckReport(protocol().Name, done, steps, findings, coverage, cancel.IsCancellationRequested);
    }

    /// <summary>Scenario <paramref name="index"/> of this seed, run under its own random schedule.</summary>
    public RunResult RunOne(ScenarioGenerator generator, int index)
    {
        var rng = new SplitMix64(options.Seed * 0x9E3779B97F4A7C15UL + (ulong)index);
        var scenario = generator.Generate(rng);
        return Executor.Run(scenario, protocol(), new RandomStrategy(rng.NextUInt64()), options.Run);
    }
}
