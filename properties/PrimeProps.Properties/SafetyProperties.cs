using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>
/// The per-step safety oracles (use after free and its kin, refcounts, locks) on seed-2012, the
/// 2012 patch as posted, asserting what the patch fixes and nothing it leaves. The catalog
/// (fuzz-corpus/catalog/) shows UseAfterFree on the seed through the flink race (row 6b), so no
/// property forbids it. The search disproves two more in general, so each is asserted where it
/// holds: PutBelowZero only while allocations succeed (below), TwoDmaBufsForOneObject only
/// among racing exports and closes (<see cref="CacheProperties"/>).
/// </summary>
public class SafetyProperties
{
    private const int Cases = 1000;

    /// <summary>Rows 1 and 3: obj->dma_buf holds a reference and the fd is installed last.</summary>
    [Property(Arbitrary = [typeof(Arbitraries<Seed2012>)], MaxTest = Cases, Replay = Replays.Fixed)]
    public Property The_seed_never_gets_a_dying_dma_buf_nor_stores_one(Scenario s)
        => PrimeCheck.Avoids<Seed2012>(s, OracleKind.GetOnZero, OracleKind.DanglingPointer);

    /// <summary>
    /// Nothing is freed twice or dereferenced through NULL, and the seed's new dev->prime_lock is
    /// taken and dropped in order on every path, faults included (holding it across the handle's
    /// creation, as the seed did before its v2, self-deadlocks on ENOMEM).
    /// </summary>
    [Property(Arbitrary = [typeof(Arbitraries<Seed2012>)], MaxTest = Cases, Replay = Replays.Fixed)]
    public Property The_seed_frees_nothing_twice_dereferences_no_null_and_balances_its_locks(Scenario s)
        => PrimeCheck.Avoids<Seed2012>(s, OracleKind.DoubleFree, OracleKind.NullDereference,
            OracleKind.SelfDeadlock, OracleKind.Deadlock, OracleKind.UnlockNotOwner);

    /// <summary>
    /// Counts stay balanced while every allocation succeeds. With an ENOMEM in a cross-device
    /// import the seed keeps v3.6's error path, which puts the import's dma-buf reference twice
    /// (fuzz-corpus/regressions/seed-2012-import-enomem-puts-twice.scn), hence no faults here.
    /// </summary>
    [Property(MaxTest = Cases, Replay = Replays.Fixed)]
    public Property No_count_goes_below_zero_while_allocations_succeed()
        => Prop.ForAll(WithoutFaults, s => PrimeCheck.Avoids<Seed2012>(s, OracleKind.PutBelowZero));

    private static readonly Arbitrary<Scenario> WithoutFaults =
        ScenarioArbitrary.For<Seed2012>(ScenarioGen.With(o => o with { FaultPercent = 0 }));
}
