using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// What one scenario draws before its ops (swarm testing, Groce et al., ISSTA 2012): a random
/// subset of the op kinds its threads draw, and its own steering shares (percent). A feature
/// left out of a scenario cannot crowd out the others, so rare combinations get weight. Calls
/// that make a missing resource (an export before an import) are added whatever the subset.
/// </summary>
public sealed record Swarm
{
    /// <summary>Op kinds the threads draw, with their weights.</summary>
    public required IReadOnlyList<(OpKind Op, int Weight)> Weights { get; init; }
    /// <summary>Per setup object: exported to a dma-buf fd.</summary>
    public int SetupExport { get; init; }
    /// <summary>Per setup object: flinked and opened in another file of its device.</summary>
    public int SetupShare { get; init; }
    /// <summary>Per setup export: imported into another file (another device first).</summary>
    public int SetupImport { get; init; }
    /// <summary>Picks that take a value of the setup, which every thread sees, so calls race on the same objects.</summary>
    public int Shared { get; init; }
    /// <summary>Picks of the setup's values that take one of the first object's (its handles, dma-buf, name), so threads meet on one object.</summary>
    public int Focus { get; init; }
    /// <summary>Picks of the setup's values that take one an earlier thread destroys, so a use races with the destroy.</summary>
    public int Contend { get; init; }
    /// <summary>Picks that take a value another thread made (which may not exist yet when used).</summary>
    public int Foreign { get; init; }
    /// <summary>Relative weights of where an import goes: the exporting file, another file of its device, another device.</summary>
    public (int Self, int OtherFile, int OtherDevice) ImportTarget { get; init; }
    /// <summary>GEM_OPENs in the file that made the name: two handles for one object in one file.</summary>
    public int OwnName { get; init; }
    /// <summary>Exports of a handle that came from an import (re-export), when there is one.</summary>
    public int ReExport { get; init; }
    /// <summary>Closes of a drm file rather than a dma-buf fd.</summary>
    public int CloseFile { get; init; }
    /// <summary>Destroys of a value the threads share that wait for the thread's end, so the others use it first (and race with the destroy).</summary>
    public int DeferDestroy { get; init; }
    /// <summary>Frees followed at once by a call that takes the freed fd or handle number.</summary>
    public int Reuse { get; init; }
    /// <summary>GEM_CLOSE, FLINK and export calls that take the handle number another thread's creation is about to get (a guess: deliberately bad input).</summary>
    public int Guess { get; init; }

    /// <summary>Draws a scenario's subset and shares.</summary>
    public static Swarm Draw(RandomSource rng, GeneratorOptions options)
    {
        var kinds = options.OpWeights.Where(w => w.Weight > 0 && rng.Chance(60)).ToList();
        return new Swarm
        {
            Weights = kinds.Count > 0 ? kinds : options.OpWeights,
            SetupExport = rng.Pick(Shares),
            SetupShare = rng.Pick(Shares),
            SetupImport = rng.Pick(Shares),
            Shared = rng.Next(40, 95),
            Focus = rng.Pick([0, 50, 90]),
            Contend = rng.Pick([0, 50, 90]),
            Foreign = rng.Pick([0, 5, 15]),
            ImportTarget = (rng.Next(0, 3), rng.Next(0, 3), rng.Next(0, 3)),
            OwnName = rng.Pick(Shares),
            ReExport = rng.Pick(Shares),
            CloseFile = rng.Pick([0, 10, 30]),
            DeferDestroy = rng.Pick([0, 50, 100]),
            Reuse = rng.Pick(Shares),
            Guess = rng.Pick([0, 10, 25, 50]),
        };
    }

    /// <summary>Every op kind and middle shares: the generator without swarm testing.</summary>
    public static Swarm Middle(GeneratorOptions options) => new()
    {
        Weights = options.OpWeights, SetupExport = 50, SetupShare = 50, SetupImport = 50, Shared = 70, Focus = 50, Contend = 50, Foreign = 5,
        ImportTarget = (1, 1, 1), OwnName = 50, ReExport = 50, CloseFile = 10, DeferDestroy = 80, Reuse = 50, Guess = 10,
    };

    private static readonly int[] Shares = [0, 25, 50, 75, 100];
}
