using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

/// <summary>The situations classifier and the per-op tallies, on literal scenarios run on modern.</summary>
public class SituationsTests
{
    private static (RunResult Run, IReadOnlyList<string> Reached) Reach(string body)
    {
        var run = Executor.Run(ScenarioParser.Parse("primeprops-scenario 1\ndevice d0\ndevice d1\n" + body), new Modern());
        return (run, Situations.Reached(run, new TypedScenario(run.Scenario)));
    }

    [Fact]
    public void A_sequential_tour_reaches_the_import_and_name_situations_and_no_race()
    {
        var (run, reached) = Reach("""
            setup:
              A = open d0
              B = open d0
              C = open d1
              h = create_dumb A
              fd = handle_to_fd A h
              self = fd_to_handle A fd
              peer = fd_to_handle B fd
              far = fd_to_handle C fd
              again = handle_to_fd C far
              n = flink A h
              own = gem_open A n
              other = gem_open C n
              dup2 = gem_open B n
              x = fd_to_handle B fd
            """);

        Assert.Null(run.Violation);
        Assert.Equal(["import-other-file", "import-other-device", "self-import", "re-export-of-import", "gem-open-own-name",
            "import-into-file-with-opened-handle", "flink-open-across-files"], reached);
    }

    [Fact]
    public void Numbers_handed_out_again_are_reuse()
    {
        var (_, reached) = Reach("""
            setup:
              A = open d0
              h = create_dumb A
              gem_close A h
              h2 = create_dumb A
              fd = handle_to_fd A h2
              close fd
              B = open d1
            """);

        Assert.Equal(["fd-number-reused", "handle-number-reused"], reached);
    }

    [Fact]
    public void An_import_into_a_file_that_opened_the_object_by_name()
    {
        var (_, reached) = Reach("""
            setup:
              A = open d0
              B = open d0
              h = create_dumb A
              n = flink A h
              o = gem_open B n
              fd = handle_to_fd A h
              x = fd_to_handle B fd
            """);

        Assert.Contains("import-into-file-with-opened-handle", reached);
    }

    [Fact]
    public void A_close_of_the_last_fd_while_an_export_holds_the_file_is_seen_as_a_race()
    {
        // T0 starts the export (fget of A), T1 closes A meanwhile: the release runs at the end of the export.
        var (run, reached) = Reach("""
            setup:
              A = open d0
              h = create_dumb A
            thread T0:
              fd = handle_to_fd A h
            thread T1:
              close A
            schedule: T0*2 T1*3
            """);

        Assert.Equal(0, run.ReturnOf(1, 0));
        Assert.Contains("fd-closed-during-ioctl-on-it", reached);
        Assert.Contains("last-fd-closed-during-ioctl", reached);
    }

    [Fact]
    public void A_raw_number_that_names_a_live_file_is_a_guess_that_hit()
    {
        var (_, reached) = Reach("""
            setup:
              A = open d0
              h = create_dumb A
              fd = handle_to_fd A h
              x = fd_to_handle A 4
            """);

        Assert.Equal(["raw-fd-hit-live-file"], reached);
    }

    [Fact]
    public void The_tally_counts_calls_successes_errnos_and_good_input_apart()
    {
        var (run, _) = Reach("""
            setup:
              A = open d0
              h = create_dumb A
              fd = handle_to_fd A h
              x = fd_to_handle A A
              y = fd_to_handle A fd
              gem_close A h
              z = fd_to_handle A 99
            """);
        var stats = new OpStatistics();
        stats.Add(run, new TypedScenario(run.Scenario));

        var imports = stats.ByOp["fd_to_handle"];
        Assert.Equal((3, 1, 2), (imports.Calls, imports.Successes, imports.BadInput));
        Assert.Equal(1.0, imports.GoodSuccessRate);
        Assert.Equal(2, imports.Errors.Values.Sum());
        Assert.Equal(1, stats.ByOp["gem_close"].GoodSuccesses);
    }
}
