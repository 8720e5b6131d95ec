using System.Diagnostics;
using System.Globalization;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Bench.Generator;

/// <summary>
/// Per protocol and op kind, over default check's scenarios and schedules on several seeds:
/// the success rate of calls whose input was not deliberately bad (lowest seed, all seeds),
/// the situations reached, and the time per 2000 scenarios (generation and runs, no shrinking).
/// </summary>
internal static class SuccessTable
{
    public static string Markdown(IReadOnlyList<string> protocols, IReadOnlyList<ulong> seeds, int scenarios)
    {
        var md = new System.Text.StringBuilder();
        md.Append($"## Calls with good input that succeeded, default check ({scenarios} scenarios), seeds {string.Join(", ", seeds)}\n\n");
        md.Append("Per op kind: the lowest rate over the seeds / the rate over all of them (calls of the setup and the threads; \"good input\": not read as deliberately bad by `TypedScenario`). ");
        md.Append("Bad input: share of all calls. -: the protocol's kernel predates the ioctl, so check never draws it. Seconds: generation and runs of one seed's scenarios, no shrinking, on this shared 2-core machine (to be re-measured).\n\n");
        var situations = new List<string>();
        var ops = PrimeProps.Scenarios.OpSpec.All.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        md.Append("| protocol | " + string.Join(" | ", ops) + " | bad input | seconds per seed |\n|---|" + string.Concat(ops.Select(_ => "---|")) + "---|---|\n");
        foreach (var protocol in protocols)
        {
            // check's generator: the default options for the calls this protocol's kernel has
            // (GEM_CHANGE_HANDLE only where the kernel has it), as Checker.ScenarioAt builds it.
            var generator = new ScenarioGenerator(new GeneratorOptions().ForOps(ProtocolRegistry.Create(protocol).Ops));
            var total = new Coverage();
            var perSeed = new List<Coverage>();
            double seconds = 0;
            foreach (var seed in seeds)
            {
                var clock = Stopwatch.StartNew();
                var coverage = new Coverage();
                for (int i = 0; i < scenarios; i++)
                {
                    // check's scenario i of this seed under the first schedule of its portfolio
                    var scenario = generator.Generate(ScenarioSeed.ScenarioStream(seed, i));
                    coverage.Add(Executor.Run(scenario, ProtocolRegistry.Create(protocol), new RandomStrategy(ScenarioSeed.ScheduleStream(seed, i).NextUInt64())));
                }
                seconds += clock.Elapsed.TotalSeconds;
                perSeed.Add(coverage);
                total.Merge(coverage);
            }
            var cells = ops.Select(op => total.Ops.ByOp.TryGetValue(op, out var t)
                ? $"{Percent(perSeed.Min(c => c.Ops.ByOp.TryGetValue(op, out var s) ? s.GoodSuccessRate ?? 1 : 1))} / {Percent(t.GoodSuccessRate ?? 0)}"
                : "-");
            double bad = (double)total.Ops.ByOp.Values.Sum(t => t.BadInput) / total.Ops.ByOp.Values.Sum(t => t.Calls);
            md.Append($"| {protocol} | {string.Join(" | ", cells)} | {Percent(bad)} | {seconds / seeds.Count:0.00} |\n");
            situations.Add($"| {protocol} | {string.Join(", ", total.SituationsReached.Select(p => $"{p.Key} {p.Value}"))} | {string.Join(", ", total.NeverReached().DefaultIfEmpty("none"))} |");
        }
        md.Append($"\n## Situations reached (runs out of {scenarios * seeds.Count})\n\n| protocol | reached | never |\n|---|---|---|\n");
        md.Append(string.Join("\n", situations) + "\n");
        return md.ToString();
    }

    private static string Percent(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
