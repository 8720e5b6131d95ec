using PrimeProps.Kernel;
using PrimeProps.Search;

namespace PrimeProps.Mutation;

/// <summary>
/// The scenario mixes the mutation run searches with, each from a fixed seed, and the
/// scenarios in which unmodified modern already fails (found by running them; a change to the
/// generator changes these lists).
/// </summary>
internal static class SearchLanes
{
    /// <summary>The typed swarm generator with check's defaults (it steers to exports, shares, own-file handles and guessed fds itself).</summary>
    private static readonly GeneratorOptions Steered = new();

    public static readonly IReadOnlyDictionary<string, (CheckOptions Options, IReadOnlyDictionary<int, OracleKind> Known)> All =
        new Dictionary<string, (CheckOptions, IReadOnlyDictionary<int, OracleKind>)>
        {
            // One thread: every run is compared call by call with the sequential reference.
            ["sequential"] = (new CheckOptions { Seed = 11, Scenarios = 300, Generator = Steered with { MaxThreads = 1, FaultPercent = 0 } }, new Dictionary<int, OracleKind>()),
            ["sequential-faults"] = (new CheckOptions { Seed = 12, Scenarios = 200, Generator = Steered with { MaxThreads = 1, FaultPercent = 100 } }, new Dictionary<int, OracleKind>()),
            ["default"] = (new CheckOptions { Seed = 13, Scenarios = 150 }, new Dictionary<int, OracleKind>()),
            ["steered"] = (new CheckOptions { Seed = 14, Scenarios = 250, Generator = Steered }, new Dictionary<int, OracleKind>()),
        };
}
