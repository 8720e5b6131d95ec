using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>
/// Nothing is left once the process exits, on seed-2012. The seed adds a reference (obj->dma_buf
/// holds the dma-buf) that must be dropped when the last handle goes; it leaves three leaks
/// alone, so they stay out of the scenarios here: a flink racing the last GEM_CLOSE (catalog
/// row 6), a self-import keeping dma_buf_get's reference (row 8), and an export whose cache
/// entry cannot be allocated, which never puts the new dma-buf
/// (regressions/seed-2012-export-enomem-leaks.scn).
/// </summary>
public class LeakProperties
{
    [Property(MaxTest = 1000, Replay = Replays.Fixed)]
    public Property Nothing_leaks_without_flink_or_import_while_allocations_succeed()
        => Prop.ForAll(NoNamesNoImports, s => PrimeCheck.Avoids<Seed2012>(s, OracleKind.Leak));

    private static readonly Arbitrary<Scenario> NoNamesNoImports = ScenarioArbitrary.For<Seed2012>(ScenarioGen.With(o =>
        o.Without(OpKind.Flink, OpKind.GemOpen, OpKind.FdToHandle) with { FaultPercent = 0 }));
}
