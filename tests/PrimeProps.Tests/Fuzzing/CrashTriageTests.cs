using PrimeProps.Fuzzing;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>From crash inputs to distinct minimal findings, with harness bugs and clean replays apart.</summary>
public class CrashTriageTests
{
    private static readonly Scenario Row1 = Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn");

    [Fact]
    public void Crashes_group_by_oracle_and_function_and_shrink_to_one_repro_each()
    {
        CrashInput[] crashes =
        [
            new("row1", ScenarioBytes.Encode(Row1)),
            new("row1-renamed", ScenarioBytes.Encode(ScenarioBytes.WithCanonicalNames(Row1))), // other bytes, same bug
            new("stale", FuzzTargetTests.Encoded("stale-entry-after-fd-close.scn")),
        ];

        var report = CrashTriage.Triage(() => new V3_6(), crashes);

        Assert.Equal(["v3.6-GetOnZero-get_file-get_dma_buf", "v3.6-StaleCacheEntry-after-drm_gem_object_unreference_unlocked"],
            report.Findings.Select(f => f.FileStem));
        var getOnZero = report.Findings[0];
        Assert.Equal(["row1", "row1-renamed"], getOnZero.Sources);
        Assert.Equal(OracleKind.GetOnZero, getOnZero.Violation.Oracle);
        // Shrunk (a shorter schedule), with the generator's names whatever the input called things.
        Assert.EndsWith("thread T0:\n  close fd3\nthread T1:\n  fd4 = handle_to_fd fd1 h2\nschedule: T0*3 T1\n", ScenarioPrinter.Print(getOnZero.Shrunk.Scenario));
        Assert.Empty(report.HarnessBugs);
        Assert.Empty(report.NotReproduced);
    }

    [Fact]
    public void Harness_bugs_and_clean_replays_are_reported_apart_from_findings()
    {
        CrashInput[] crashes =
        [
            new("dup", ScenarioBytes.Encode(TestScenarios.Sequential("A = open d0", "B = dup A"))),
            new("clean", ScenarioBytes.Encode(TestScenarios.Sequential("A = open d0"))),
            new("row1", ScenarioBytes.Encode(Row1)),
        ];

        var report = CrashTriage.Triage(() => new FuzzTargetTests.BrokenDup(), crashes);

        var bug = Assert.Single(report.HarnessBugs);
        Assert.Equal("dup", bug.Source);
        Assert.StartsWith("HARNESS BUG (not an oracle finding) while running it:", bug.Message);
        Assert.Equal(["clean"], report.NotReproduced);
        Assert.Equal("v3.6-broken-dup-GetOnZero-get_file-get_dma_buf", Assert.Single(report.Findings).FileStem);
        Assert.True(report.FoundAnything);
    }

    [Fact]
    public void No_crashes_no_findings()
        => Assert.False(CrashTriage.Triage(() => new Modern(), []).FoundAnything);
}
