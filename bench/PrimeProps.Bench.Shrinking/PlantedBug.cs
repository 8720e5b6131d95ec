using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Tests.Model;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// The planted sequential bug every driver hunts: the seed without the refill on import. Export,
/// GEM_CLOSE the last handle (obj->dma_buf is dropped), re-import the fd, export again: a second
/// dma-buf for one object.
/// </summary>
internal static class PlantedBug
{
    public const OracleKind Target = OracleKind.TwoDmaBufsForOneObject;

    /// <summary>open, create, export, GEM_CLOSE, import, export (tests/…/MutantTests.cs).</summary>
    public const int KnownMinimalOps = 6;

    public static LinuxKernel Protocol() => new Seed2012WithoutRefill();

    /// <summary>The one oracle all drivers check: another violation (the seed's self-import leak, say) counts as a pass.</summary>
    public static bool Fails(RunResult run) => run.Violation?.Oracle == Target;

    public static bool Fails(Scenario scenario) => Fails(Executor.Run(scenario, Protocol()));
}
