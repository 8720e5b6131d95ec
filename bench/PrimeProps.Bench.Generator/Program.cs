using PrimeProps.Bench;
using PrimeProps.Bench.Generator;

// dotnet run -c Release --project bench/PrimeProps.Bench.Generator [-- --seeds N]
int seedCount = args.SkipWhile(a => a != "--seeds").Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(5);
var seeds = Enumerable.Range(1, seedCount).Select(i => (ulong)(i * 1000)).ToList();
const int Scenarios = 2000;

var md = new System.Text.StringBuilder();
md.Append("# Generator: success of calls with good input, situations reached\n\n");
md.Append("Reproduce: `dotnet run -c Release --project bench/PrimeProps.Bench.Generator` (this file); ");
md.Append("mutants found by default check: `history.md` (bench/PrimeProps.Bench.History).\n\n");
md.Append(SuccessTable.Markdown(["modern", "v6.12", "v6.1", "v3.6", "seed-2012"], seeds, Scenarios));
ResultsFile.Publish("generator", md.ToString());
