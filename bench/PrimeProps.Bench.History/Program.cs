using PrimeProps.Bench;
using PrimeProps.Bench.History;
using PrimeProps.Repro;

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
if (args.Length > 0)
{
    Console.Error.WriteLine($"usage: {Command} [-- --triggers]");
    return 2;
}

var lines = HistoryBench.Run(HistoryBench.SpreadSeeds, Console.Error);
ResultsFile.Publish("history", HistoryTable.Format(Command, lines));
return 0;
