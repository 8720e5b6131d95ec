using PrimeProps.Bench;
using PrimeProps.Bench.Generator;

// dotnet run -c Release --project bench/PrimeProps.Bench.Generator [-- --seeds N] [--hunt]
// --hunt: only the mutant hunt, printed, no results file; --count: scenarios failing on each mutant alone (both for tuning).
int seedCount = args.SkipWhile(a => a != "--seeds").Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(10);
var seeds = Enumerable.Range(1, seedCount).Select(i => (ulong)(i * 1000)).ToList();
const int Scenarios = 2000;
if (args.Contains("--show"))
{
    var make = MutantHunt.TuningMutants.First().Make;
    var gen = new PrimeProps.Search.ScenarioGenerator(new PrimeProps.Search.GeneratorOptions());
    foreach (var seed in seeds)
        for (int i = 0; i < Scenarios; i++)
        {
            var rng = new PrimeProps.Search.SplitMix64(seed * 0x9E3779B97F4A7C15UL + (ulong)i);
            var run = PrimeProps.Execution.Executor.Run(gen.Generate(rng), make(), new PrimeProps.Execution.RandomStrategy(rng.NextUInt64()));
            if (run.Violation is { } v && PrimeProps.Execution.Executor.Run(run.WithTakenSchedule(), new PrimeProps.Protocols.Modern()).Violation?.Oracle != v.Oracle)
            {
                var shrunk = new PrimeProps.Shrinking.Shrinker(make).Shrink(run);
                Console.WriteLine(PrimeProps.Scenarios.ScenarioPrinter.Print(shrunk.WithTakenSchedule()) + v + "\n---");
            }
        }
    return;
}
if (args.Contains("--count"))
{
    foreach (var (name, make) in MutantHunt.TuningMutants.Take(2))
        Console.WriteLine($"{name}: {MutantHunt.Count(make, seeds, Scenarios)} of {seeds.Count * Scenarios} scenarios fail on the mutant alone");
    return;
}
if (args.Contains("--hunt"))
{
    Console.Write(MutantHunt.Table(MutantHunt.TuningMutants.Take(2).Select(m => MutantHunt.Run(m.Name, m.Make, seeds, Scenarios))));
    return;
}

var md = new System.Text.StringBuilder();
md.Append("# Generator: success of calls with good input, situations reached, tuning mutants found\n\n");
md.Append("Reproduce: `dotnet run -c Release --project bench/PrimeProps.Bench.Generator` (this file); ");
md.Append("`bench/PrimeProps.Bench.Generator/before.sh` measures the same hunt with the generator as it was at 9f30972 (generator-before.md).\n\n");
md.Append(SuccessTable.Markdown(["modern", "v3.6", "seed-2012"], seeds.Take(5).ToList(), Scenarios));
md.Append($"\n## Tuning mutants of modern: default check ({Scenarios} scenarios, random schedules), seeds {seeds[0]}..{seeds[^1]}\n\n");
md.Append("These three mutants and these seeds were used to tune the steering: they say nothing about bugs the generator was not tuned on.\n\n");
md.Append(MutantHunt.Table(MutantHunt.TuningMutants.Select(m => MutantHunt.Run(m.Name, m.Make, seeds, Scenarios))));
ResultsFile.Publish("generator", md.ToString());
