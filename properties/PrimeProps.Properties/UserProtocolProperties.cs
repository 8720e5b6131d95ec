using PrimeProps.Execution;
using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>
/// A protocol declared outside the library (<see cref="Seed2012WithFlinkFix"/>) is checked the
/// same way as a built-in one: its type goes where the built-in's would.
/// </summary>
public class UserProtocolProperties
{
    /// <summary>The patch keeps every safety property of the seed, faults included.</summary>
    [Property(Arbitrary = [typeof(Arbitraries<Seed2012WithFlinkFix>)], MaxTest = 1000, Replay = Replays.Fixed)]
    public Property The_flink_fix_keeps_the_seeds_safety(Scenario s)
        => PrimeCheck.Avoids<Seed2012WithFlinkFix>(s, OracleKind.GetOnZero, OracleKind.DanglingPointer, OracleKind.DoubleFree,
            OracleKind.NullDereference, OracleKind.SelfDeadlock, OracleKind.Deadlock, OracleKind.UnlockNotOwner);

    /// <summary>
    /// What the patch is for: no flink race, so no use after free and, with the self-import
    /// (row 8) left out, no leak. Fault-free: the seed's ENOMEM paths are not the patch's business.
    /// </summary>
    [Property(MaxTest = 1000, Replay = Replays.Fixed)]
    public Property The_flink_fix_leaves_no_flink_race()
        => Prop.ForAll(NoImportsNoFaults, s => PrimeCheck.Avoids<Seed2012WithFlinkFix>(s, OracleKind.UseAfterFree, OracleKind.Leak));

    /// <summary>Catalog rows 6 and 6b under many random schedules: some fail the seed, none fails the patch.</summary>
    [Theory]
    [InlineData("catalog/row6-flink-vs-gem-close.scn")]
    [InlineData("catalog/row6b-flink-name-before-reference.scn")]
    public void The_flink_rows_fail_the_seed_and_never_the_fix(string file)
    {
        var scenario = CorpusFiles.Load(file);
        int seedFailures = 0;
        for (ulong schedule = 0; schedule < 500; schedule++)
        {
            Assert.Null(Executor.Run(scenario, new Seed2012WithFlinkFix(), new RandomStrategy(schedule)).Violation);
            if (Executor.Run(scenario, new Seed2012(), new RandomStrategy(schedule)).Failed)
                seedFailures++;
        }
        Assert.True(seedFailures > 0, "no random schedule made the seed fail: the scenario no longer shows the race");
    }

    private static readonly Arbitrary<Scenario> NoImportsNoFaults = ScenarioArbitrary.For<Seed2012WithFlinkFix>(
        ScenarioGen.With(o => o.Without(OpKind.FdToHandle) with { FaultPercent = 0 }));
}
