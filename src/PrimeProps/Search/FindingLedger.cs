using PrimeProps.Oracles;

namespace PrimeProps.Search;

/// <summary>
/// Failures by identity, fed scenario by scenario in index order: the first failing run of each
/// identity (the lowest scenario index) is kept, later ones are only counted.
/// </summary>
public sealed class FindingLedger
{
    private readonly List<FailingRun> firsts = [];
    private readonly Dictionary<FindingIdentity, int> scenarios = [];

    /// <summary>The first failing run of each identity, in the order found.</summary>
    public IReadOnlyList<FailingRun> Firsts => firsts;

    /// <summary>How many scenarios failed with <paramref name="identity"/> (under at least one schedule).</summary>
    public int ScenariosWith(FindingIdentity identity) => scenarios.GetValueOrDefault(identity);

    public void Add(ScenarioOutcome outcome)
    {
        foreach (var failure in outcome.Failures)
        {
            int count = scenarios.GetValueOrDefault(failure.Identity);
            if (count == 0)
                firsts.Add(failure);
            scenarios[failure.Identity] = count + 1;
        }
    }
}
