using PrimeProps.Bench;
using PrimeProps.Bench.Hunt;
using PrimeProps.Protocols;
using PrimeProps.Shrinking;

// How fast each scheduling strategy finds each catalog bug on v3.6, and what the find shrinks to.
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
        var first = hunts.FirstOrDefault(h => h.Found is not null)?.Found;
        var shrunk = first is null ? (ScenarioSize?)null : ScenarioSize.Of(new Shrinker(() => new V3_6()).Shrink(first));
        lines.Add(new HuntLine(row, strategy.Name, hunts, shrunk));
    }
}

ResultsFile.Publish("hunt", HuntTable.Format(Command, Seeds, lines));
