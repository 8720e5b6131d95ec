using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>Extra schedules per fuzzer execution (FuzzOptions.Schedules): a race without its schedule is found, and replays.</summary>
public class ScheduleSearchTests
{
    /// <summary>Catalog row 2 without its schedule: its own (fallback) run is clean on v3.6; a v3.6 seed.</summary>
    private static readonly byte[] Row2Unscheduled = ScenarioBytes.Encode(ScenarioBytes.WithCanonicalNames(
        Corpus.Load("catalog", "row2-two-files-export-race.scn") with { Schedule = [] }));

    private static readonly FuzzOptions Search = new() { Schedules = 16 };

    [Fact]
    public void The_unscheduled_race_is_clean_alone_and_found_by_the_extra_schedules()
    {
        Assert.False(new FuzzTarget(() => new V3_6()).Run(Row2Unscheduled).Failed);

        var run = new FuzzTarget(() => new V3_6(), Search).Run(Row2Unscheduled);

        Assert.Equal(OracleKind.TwoDmaBufsForOneObject, run.Violation?.Oracle);
        Assert.NotEmpty(run.Scenario.Schedule); // the schedule that failed, so the scenario alone replays it
        Assert.Equal(run.Violation!.ToString(), Executor.Run(run.Scenario, new V3_6()).Violation?.ToString());
    }

    [Fact]
    public void The_same_bytes_run_the_same_schedules()
    {
        var target = new FuzzTarget(() => new V3_6(), Search);

        RunResult first = target.Run(Row2Unscheduled), again = target.Run(Row2Unscheduled);

        Assert.Equal(first.Choices, again.Choices);
        Assert.Equal(first.Trace.Hash(), again.Trace.Hash());
    }

    [Fact]
    public void A_one_thread_scenario_gets_no_extra_schedule()
    {
        int runs = 0;
        var target = new FuzzTarget(() => new V3_6(), Search with { Feedback = InterleavingFeedback.Switches }, _ => runs++);
        var bytes = ScenarioBytes.Encode(TestScenarios.Sequential("A = open d0", "h = create_dumb A", "fd = handle_to_fd A h"));

        Assert.False(target.Run(bytes).Failed);
        Assert.Equal(0, runs); // no context switch, and no second run
    }

    [Fact]
    public void Triage_with_the_campaigns_options_reproduces_a_crash_found_by_the_extra_schedules()
    {
        var report = CrashTriage.Triage(() => new V3_6(), [new CrashInput("row2-unscheduled", Row2Unscheduled)], Search);

        Assert.Empty(report.NotReproduced);
        Assert.Empty(report.HarnessBugs);
        Assert.Equal(["v3.6-TwoDmaBufsForOneObject-after-dma_buf_export"], report.Findings.Select(f => f.FileStem));
    }
}
