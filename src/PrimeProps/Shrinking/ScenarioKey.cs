using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>The canonical text of a scenario: equal keys, equal scenarios (memoizes shrink runs).</summary>
public static class ScenarioKey
{
    public static string Of(Scenario s) => ScenarioPrinter.Print(s);
}
