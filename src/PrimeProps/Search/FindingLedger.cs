using PrimeProps.Oracles;

namespace PrimeProps.Search;

/// <summary>
/// Failures by identity, fed scenario by scenario in index order: the first failing runs of each
/// identity (the lowest scenario indices, up to <paramref name="keep"/>) are kept, later ones are
/// only counted.
/// </summary>
public sealed class FindingLedger(int keep = 1)
{
    private readonly List<FailingRun> firsts = [];
    private readonly Dictionary<FindingIdentity, int> scenarios = [];
    private readonly Dictionary<FindingIdentity, List<FailingRun>> kept = [];

    /// <summary>The first failing run of each identity, in the order found.</summary>
    public IReadOnlyList<FailingRun> Firsts => firsts;

    /// <summary>The first failing runs of <paramref name="identity"/>, lowest scenario index first (the first is its <see cref="Firsts"/> entry).</summary>
    public IReadOnlyList<FailingRun> Kept(FindingIdentity identity) => kept.TryGetValue(identity, out var runs) ? runs : [];

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
            {
                firsts.Add(failure);
                kept[failure.Identity] = [];
            }
            if (count < keep)
                kept[failure.Identity].Add(failure);
            scenarios[failure.Identity] = count + 1;
        }
    }
}
