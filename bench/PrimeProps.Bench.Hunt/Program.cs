using PrimeProps.Bench;
using PrimeProps.Bench.Hunt;

// How fast each scheduling strategy finds each catalog bug on v3.6, and what a noisy failure of each shrinks to.
const string Command = "dotnet run -c Release --project bench/PrimeProps.Bench.Hunt";
const int Seeds = 20;

var rows = CatalogRow.FailingOnV3_6();

// Warm the JIT up so the first measured hunt is not charged for compiling the model.
foreach (var strategy in Portfolio.For(rows[0].Scenario))
    Hunt.For(strategy.Runs(0).Take(20), rows[0].Expected);

var lines = new List<HuntLine>();
foreach (var row in rows)
{
    foreach (var strategy in Portfolio.For(row.Scenario))
    {
        Console.Error.WriteLine($"{row.Name}: {strategy.Name}");
        var hunts = Enumerable.Range(0, strategy.Seeded ? Seeds : 1)
            .Select(seed => Hunt.For(strategy.Runs((ulong)seed), row.Expected)).ToList();
        lines.Add(new HuntLine(row, strategy.Name, hunts));
    }
}

var shrinks = new List<ShrinkLine>();
foreach (var row in rows)
{
    Console.Error.WriteLine($"{row.Name}: noisy failures, shrunk");
    shrinks.Add(new ShrinkLine(row, [.. Enumerable.Range(1, Seeds).Select(seed => NoisyShrink.For(row, (ulong)seed))]));
}

ResultsFile.Publish("hunt", HuntTable.Format(Command, Seeds, lines, shrinks));
