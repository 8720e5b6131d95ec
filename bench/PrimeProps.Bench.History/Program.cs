using PrimeProps.Bench;
using PrimeProps.Bench.History;
using PrimeProps.Repro;
using PrimeProps.Shrinking;

// Mutants of `modern` from kernel history, searched with `check`'s defaults on ten spread seeds.
const string Command = "dotnet run -c Release --project bench/PrimeProps.Bench.History";

if (args is ["--triggers"])
{
    // Each smallest trigger on its mutant and on modern, with the mutant's trace: for writing and checking the .scn files.
    foreach (var m in HistoryMutant.All)
    {
        var mine = Triggers.OnMutant(m);
        var onModern = Triggers.OnModern(m);
        Console.WriteLine($"{m.Name}: mutant {mine.Violation?.ToString() ?? "clean"}; modern {onModern.Violation?.ToString() ?? "clean"}");
        if (args.Length > 0 && Environment.GetEnvironmentVariable("TRACE") == m.Name)
            Console.WriteLine(TraceFormatter.Format(mine));
    }
    return 0;
}
if (args is ["--tune", var seedList, .. var rest] && rest is [] or ["--mutant", _])
{
    // A tuning run: the chosen seeds (never the spread seeds) and mutants, printed, no results file.
    var seeds = seedList.Split(',').Select(s => ulong.TryParse(s, out var v) ? v : throw new ArgumentException($"--tune: '{s}' is not a seed")).ToList();
    if (seeds.Intersect(HistoryBench.SpreadSeeds).Any())
    {
        Console.Error.WriteLine("--tune: the spread seeds (1000..10000) measure the benchmark; tune on others");
        return 2;
    }
    var only = rest is [_, var name] ? name : null;
    foreach (var line in HistoryBench.Run(seeds, Console.Error, m => only is null ? m.Tuning : m.Name == only))
        Console.WriteLine($"{line.Mutant.Name}: found {line.Hunts.Count(h => h.Detection is not null)}/{line.Hunts.Count}; smallest shrunk ops "
            + string.Join(" ", line.Hunts.Select(h => h.Smallest is { } f ? ScenarioSize.Of(f.Shrunk).Ops.ToString() : "-")) + $" (trigger {line.TriggerSize.Ops})");
    return 0;
}
if (args.Length > 0)
{
    Console.Error.WriteLine($"usage: {Command} [-- --triggers | -- --tune SEED,SEED,... [--mutant NAME]]");
    return 2;
}

var lines = HistoryBench.Run(HistoryBench.SpreadSeeds, Console.Error);
ResultsFile.Publish("history", HistoryTable.Format(Command, lines));
return 0;
