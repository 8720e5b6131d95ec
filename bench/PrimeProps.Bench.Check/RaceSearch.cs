using PrimeProps.Execution;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Bench.Check;

/// <summary>
/// Which identities one seed's default scenarios reach: under the portfolio (today's check),
/// and under one uniformly random schedule per scenario (the check before the portfolio).
/// Scanning only: nothing is shrunk.
/// </summary>
internal static class RaceSearch
{
    public static IReadOnlySet<FindingIdentity> Portfolio(string protocol, ulong seed, int jobs)
    {
        var checker = new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions { Seed = seed });
        var ledger = new FindingLedger();
        OrderedParallel.Run(Enumerable.Range(0, new CheckOptions().Scenarios), jobs, checker.Explore, (_, outcome) => { ledger.Add(outcome); return true; });
        return ledger.Firsts.Select(f => f.Identity).ToHashSet();
    }

    public static IReadOnlySet<FindingIdentity> OneRandomSchedule(string protocol, ulong seed, int jobs)
    {
        var checker = new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions { Seed = seed });
        var found = new HashSet<FindingIdentity>();
        OrderedParallel.Run(Enumerable.Range(0, new CheckOptions().Scenarios), jobs, i =>
            Executor.Run(checker.ScenarioAt(i), ProtocolRegistry.Create(protocol), new RandomStrategy(ScenarioSeed.ScheduleStream(seed, i).NextUInt64())),
            (_, run) => { if (run.Violation is { } v) found.Add(FindingIdentity.Of(v)); return true; });
        return found;
    }
}
