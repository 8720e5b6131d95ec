using System.Diagnostics;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Bench.Generator;

/// <summary>One mutant over a set of seeds: on which seeds default check found it, at which scenario.</summary>
internal sealed record HuntRow(string Mutant, IReadOnlyList<(ulong Seed, int? FoundAt, string? Oracle)> Seeds, double Seconds);

/// <summary>
/// Default check against a mutant of modern, as check draws (2000 scenarios, each under its
/// own random schedule; the seeding of check as of this benchmark: scenario i of seed s from
/// SplitMix64(s * 0x9E3779B97F4A7C15 + i), the schedule's seed next in that stream). A mutant
/// counts as found at the first scenario where an oracle fires that does not fire on modern for
/// the same scenario and the same schedule (unmodified modern has real non-linearizable windows).
/// Only APIs the original generator also had are used, so the same file measures before and after.
/// </summary>
internal static class MutantHunt
{
    public static HuntRow Run(string name, Func<LinuxKernel> mutant, IEnumerable<ulong> seeds, int scenarios)
    {
        var clock = Stopwatch.StartNew();
        var generator = new ScenarioGenerator(new GeneratorOptions());
        var rows = new List<(ulong, int?, string?)>();
        foreach (var seed in seeds)
        {
            (int?, string?) found = (null, null);
            for (int i = 0; i < scenarios && found.Item1 is null; i++)
            {
                var rng = new SplitMix64(seed * 0x9E3779B97F4A7C15UL + (ulong)i);
                var scenario = generator.Generate(rng);
                var run = Executor.Run(scenario, mutant(), new RandomStrategy(rng.NextUInt64()));
                if (run.Violation is not { } v)
                    continue;
                var onModern = Executor.Run(run.WithTakenSchedule(), new Modern());
                if (onModern.Violation?.Oracle != v.Oracle)
                    found = (i, v.Oracle.ToString());
            }
            rows.Add((seed, found.Item1, found.Item2));
        }
        return new HuntRow(name, rows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Scenarios (of every seed's <paramref name="scenarios"/>) where the mutant alone fails: a finer figure than seeds found, for tuning.</summary>
    public static int Count(Func<LinuxKernel> mutant, IEnumerable<ulong> seeds, int scenarios)
    {
        var generator = new ScenarioGenerator(new GeneratorOptions());
        int found = 0;
        foreach (var seed in seeds)
            for (int i = 0; i < scenarios; i++)
            {
                var rng = new SplitMix64(seed * 0x9E3779B97F4A7C15UL + (ulong)i);
                var run = Executor.Run(generator.Generate(rng), mutant(), new RandomStrategy(rng.NextUInt64()));
                if (run.Violation is { } v && Executor.Run(run.WithTakenSchedule(), new Modern()).Violation?.Oracle != v.Oracle)
                    found++;
            }
        return found;
    }

    public static IEnumerable<(string Name, Func<LinuxKernel> Make)> TuningMutants =>
    [
        ("(a) flink without the handle_count check", () => new Tests.Search.FlinkWithoutHandleCountCheck()),
        ("(b) one-stage GEM_CLOSE", () => new Tests.Search.OneStageGemClose()),
        ("(c) handle published at once", () => new Tests.Search.HandlePublishedAtOnce()),
    ];

    public static string Table(IEnumerable<HuntRow> rows)
    {
        var lines = new List<string> { "| mutant | found on seeds | first scenario per seed (- not found) | oracles | seconds |", "|---|---|---|---|---|" };
        foreach (var r in rows)
        {
            int found = r.Seeds.Count(s => s.FoundAt is not null);
            var at = string.Join(" ", r.Seeds.Select(s => s.FoundAt?.ToString() ?? "-"));
            var oracles = string.Join(", ", r.Seeds.Where(s => s.Oracle is not null).GroupBy(s => s.Oracle).Select(g => $"{g.Key} {g.Count()}"));
            lines.Add($"| {r.Mutant} | {found}/{r.Seeds.Count} | {at} | {oracles} | {r.Seconds:0.0} |");
        }
        return string.Join("\n", lines) + "\n";
    }
}
