using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.Catalog;

/// <summary>
/// "Where the patch fixes them": for rows 1-3 no schedule out of many random ones makes the
/// seed fail, while the same schedules do make v3.6 fail with the row's oracle.
/// </summary>
public class SeedPatchFixTests
{
    private const int Schedules = 1500;

    [Theory]
    [InlineData("row1-export-vs-last-fd-close.scn", OracleKind.GetOnZero)]
    [InlineData("row2-two-files-export-race.scn", OracleKind.TwoDmaBufsForOneObject)]
    [InlineData("row3-close-before-bookkeeping.scn", OracleKind.DanglingPointer)]
    public void Random_schedules_find_the_row_on_v3_6_and_nothing_on_seed_2012(string file, OracleKind oracle)
    {
        var scenario = Corpus.Load("catalog", file);
        int hitsOnV36 = 0;
        for (ulong seed = 0; seed < Schedules; seed++)
        {
            if (Executor.Run(scenario, new V3_6(), new RandomStrategy(seed)).Violation?.Oracle == oracle)
                hitsOnV36++;
            var seedRun = Executor.Run(scenario, new Seed2012(), new RandomStrategy(seed));
            Assert.True(seedRun.Violation is null, $"seed-2012 failed under random seed {seed}: {seedRun.Violation}");
        }
        Assert.True(hitsOnV36 > 0, $"no random schedule reached {oracle} on v3.6");
    }

    [Theory]
    [InlineData("row4-export-vs-gem-close.scn")]
    [InlineData("row5-reimport-vs-gem-close.scn")]
    [InlineData("row6-flink-vs-gem-close.scn")]
    [InlineData("row8-self-import-reference.scn")]
    public void Today_s_kernel_survives_random_schedules_of_every_row(string file)
    {
        var scenario = Corpus.Load("catalog", file);
        for (ulong seed = 0; seed < Schedules; seed++)
        {
            var run = Executor.Run(scenario, new Modern(), new RandomStrategy(seed));
            Assert.True(run.Violation is null, $"modern failed under random seed {seed}: {run.Violation}");
        }
    }

    [Fact]
    public void Row_6_flink_race_still_leaks_on_the_seed_as_its_message_admits()
    {
        var run = TestScenarios.Run("seed-2012", Corpus.Load("catalog", "row6-flink-vs-gem-close.scn"));

        Assert.Equal(OracleKind.Leak, run.Violation?.Oracle);
        Assert.Contains("handle_count 0, flink name 1", run.Violation!.Message);
    }
}
