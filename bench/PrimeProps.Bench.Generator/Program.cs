using PrimeProps.Bench;
using PrimeProps.Bench.Generator;

// dotnet run -c Release --project bench/PrimeProps.Bench.Generator [-- --seeds N]
int seedCount = args.Length == 2 && args[0] == "--seeds" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var seeds = Enumerable.Range(1, seedCount).Select(i => (ulong)(i * 1000)).ToList();
const int Scenarios = 2000;

var md = new System.Text.StringBuilder();
md.Append("# Generator: success of calls with good input, situations reached, tuning mutants found\n\n");
md.Append("Reproduce: `dotnet run -c Release --project bench/PrimeProps.Bench.Generator` (this file); ");
md.Append("`bench/PrimeProps.Bench.Generator/before.sh` measures the same hunt with the generator as it was at 9f30972 (generator-before.md).\n\n");
md.Append(SuccessTable.Markdown(["modern", "v3.6", "seed-2012"], seeds.Take(5).ToList(), Scenarios));
md.Append($"\n## Tuning mutants of modern: default check ({Scenarios} scenarios, random schedules), seeds {seeds[0]}..{seeds[^1]}\n\n");
md.Append("These three mutants and these seeds were used to tune the steering: they say nothing about bugs the generator was not tuned on.\n\n");
md.Append(MutantHunt.Table(MutantHunt.TuningMutants.Select(m => MutantHunt.Run(m.Name, m.Make, seeds, Scenarios))));
ResultsFile.Publish("generator", md.ToString());
