using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tests;

namespace PrimeProps.Bench.Hunt;

/// <summary>A catalog row that fails on v3.6: its scenario without the schedule, and the oracle it should hit.</summary>
internal sealed record CatalogRow(string Name, Scenario Scenario, OracleKind Expected)
{
    public static IReadOnlyList<CatalogRow> FailingOnV3_6()
        => [.. from path in Directory.GetFiles(Corpus.Dir("catalog"), "row*.scn").Order(StringComparer.Ordinal)
               let expected = Corpus.Expectations(path)["v3.6"]
               where expected != "clean"
               select new CatalogRow(Path.GetFileNameWithoutExtension(path),
                   ScenarioParser.ParseFile(path) with { Schedule = [] }, Enum.Parse<OracleKind>(expected))];
}
