using PrimeProps.Bench.Hunt;

namespace PrimeProps.Bench.Races;

/// <summary>The model's own strategies on row 1, as the hunt benchmark runs them (its portfolio and hunt, shared).</summary>
internal static class PrimePropsHunt
{
    public static readonly string[] Strategies = ["random", "PCT d=2", "exhaustive b=1"];

    public static readonly CatalogRow Row1 = CatalogRow.FailingOnV3_6().Single(r => r.Name.StartsWith("row1-", StringComparison.Ordinal));

    public static SearchStrategy Strategy(string name) => Portfolio.For(Row1.Scenario).Single(s => s.Name == name);

    public static RaceHunt Run(SearchStrategy strategy, ulong seed)
    {
        var hunt = Hunt.Hunt.For(strategy.Runs(seed), Row1.Expected);
        return new RaceHunt(hunt.Runs, hunt.Milliseconds / 1000, hunt.Found is not null, hunt.Found?.Violation?.ToString());
    }
}
