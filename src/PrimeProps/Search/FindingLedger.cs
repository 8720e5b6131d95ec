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

    /// <param name="counts">Which failures count (patch review drops those the base shares); default: all.</param>
    public void Add(ScenarioOutcome outcome, Func<FailingRun, bool>? counts = null)
    {
        foreach (var failure in outcome.Failures)
        {
            if (counts is not null && !counts(failure))
                continue;
            int count = scenarios.GetValueOrDefault(failure.Identity);
            if (count == 0)
                firsts.Add(failure);
            scenarios[failure.Identity] = count + 1;
        }
    }
}
