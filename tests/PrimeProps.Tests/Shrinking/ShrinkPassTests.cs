using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Tests.Shrinking;

/// <summary>Each argument, structure and schedule pass alone, from a literal input.</summary>
public class ShrinkPassTests
{
    private static readonly Scenario Literal = ScenarioParser.Parse("""
        primeprops-scenario 1
        device d0
        device d1
        setup:
          A = open d0
          h = create_dumb A
        thread T0:
          fd = handle_to_fd A h
          x = fd_to_handle A fd
        thread T1:
          gem_close A h
          close 4
        schedule: T0*3 T1*2 T0 T1
        fault T1:2 drm_file
        """);

    private static RunResult RunOf(Scenario s) => Executor.Run(s, new Modern());

    private static RunResult RunOf(params string[] setup) => RunOf(TestScenarios.Sequential(setup));

    private static string[] SetupOf(Scenario s) => [.. s.Setup.Select(ScenarioPrinter.PrintOp)];

    private static string[] OpsOf(Scenario s, int thread) => [.. s.Threads[thread].Ops.Select(ScenarioPrinter.PrintOp)];

    [Fact]
    public void Move_to_setup_appends_a_threads_first_op_to_the_setup_and_its_faults_follow()
    {
        var run = RunOf(Literal);
        var moved = ShrinkPasses.MoveToSetup(run).First(); // the last thread first

        Assert.Equal(["A = open d0", "h = create_dumb A", "gem_close A h"], SetupOf(moved));
        Assert.Equal(["close 4"], OpsOf(moved, 1));
        Assert.Equal([new Fault(1, 0, "drm_file")], moved.Faults);
        Assert.True(moved.ScheduleSteps().Count(t => t == 1) < run.Choices.Count(t => t == 1));
    }

    [Fact]
    public void Merge_threads_appends_the_later_threads_ops_and_renumbers_faults_and_schedule()
    {
        var run = RunOf(Literal);
        var candidates = ShrinkPasses.MergeThreads(run).ToList();

        Assert.Equal(2, candidates.Count);
        var merged = candidates[0];
        Assert.Single(merged.Threads);
        Assert.Equal(["fd = handle_to_fd A h", "x = fd_to_handle A fd", "gem_close A h", "close 4"], OpsOf(merged, 0));
        Assert.Equal([new Fault(0, 3, "drm_file")], merged.Faults);
        Assert.All(merged.ScheduleSteps(), t => Assert.Equal(0, t));
        Assert.Equal(run.Choices.Count, merged.ScheduleSteps().Count());
        Assert.Equal(run.Choices.Count(t => t == 0), candidates[1].ScheduleSteps().Count());
    }

    [Fact]
    public void Collapse_aliases_makes_two_drm_files_one_and_drops_the_spare_open()
    {
        var run = RunOf("A = open d0", "B = open d0", "h = create_dumb B", "g = create_dumb A");

        var first = ShrinkPasses.CollapseAliases(run).First();

        Assert.Equal(["A = open d0", "h = create_dumb A", "g = create_dumb A"], SetupOf(first));
    }

    [Fact]
    public void Collapse_devices_moves_every_open_to_the_earlier_device()
    {
        var candidate = Assert.Single(ShrinkPasses.CollapseDevices(ScenarioParser.Parse(
            "primeprops-scenario 1\ndevice d0\ndevice d1\nsetup:\n  A = open d0\n  B = open d1\n")));

        Assert.Equal(["A = open d0", "B = open d0"], SetupOf(candidate));
        Assert.Equal(["d0"], candidate.Devices.Select(d => d.Name));
    }

    [Fact]
    public void Raw_to_reference_names_the_value_that_had_the_number()
    {
        var run = RunOf("A = open d0", "h = create_dumb A", "gem_close 3 h");

        Assert.Contains(ShrinkPasses.RawToReference(run), c => SetupOf(c)[2] == "gem_close A h");
    }

    [Fact]
    public void Reference_to_raw_drops_the_op_that_made_the_value()
    {
        var run = RunOf("A = open d0", "B = open d0", "close B");

        var candidate = Assert.Single(ShrinkPasses.ReferenceToRaw(run));

        Assert.Equal(["A = open d0", "close 4"], SetupOf(candidate));
    }

    [Fact]
    public void Same_number_reference_follows_a_reused_fd_and_drops_the_first_maker()
    {
        var run = RunOf("A = open d0", "close A", "B = open d0", "d = dup A");

        Assert.Contains(ShrinkPasses.SameNumberReference(run), c => SetupOf(c).SequenceEqual(["B = open d0", "d = dup B"]));
    }

    [Fact]
    public void Earlier_reference_points_a_use_at_an_older_value_of_its_kind()
    {
        var run = RunOf("A = open d0", "h = create_dumb A", "g = create_dumb A", "gem_close A g");

        Assert.Contains(ShrinkPasses.EarlierReference(run.Scenario), c => SetupOf(c)[3] == "gem_close A h");
        Assert.DoesNotContain(ShrinkPasses.EarlierReference(run.Scenario), c => SetupOf(c)[3] == "gem_close h g"); // never across kinds
    }

    [Fact]
    public void Smaller_raw_tries_zero_one_the_low_32_bits_and_half()
    {
        var s = TestScenarios.Sequential("A = open d0", "fd = handle_to_fd A 4294967297");

        var values = ShrinkPasses.SmallerRaw(s).Select(c => c.Setup[1].Args[1].Raw).ToList();

        Assert.Equal([0L, 1L, 4294967297L / 2], values);
    }

    [Fact]
    public void One_preemption_offers_no_schedule_then_schedules_of_one_preemption_each()
    {
        var run = RunOf(Literal);
        Assert.True(run.Preemptions > 1, $"{run.Preemptions} preemptions");

        var candidates = ShrinkPasses.OnePreemption(run, RunOf).ToList();

        Assert.Empty(candidates[0].Schedule);
        Assert.True(candidates.Count > 2);
        Assert.All(candidates, c => Assert.True(RunOf(c).Preemptions <= 1, ScenarioKey.Of(c)));
    }

    [Fact]
    public void Keep_first_runs_cuts_the_schedule_at_each_run()
    {
        Assert.Equal([0, 3, 5, 6], ShrinkPasses.KeepFirstRuns(Literal).Select(c => c.ScheduleSteps().Count()));
    }

    [Fact]
    public void The_order_puts_fewer_ops_first_then_threads_then_setup_over_threads_then_references_over_raw_numbers()
    {
        ScenarioSize Size(string text) => ScenarioSize.Of(RunOf(ScenarioParser.Parse(TestScenarios.Header + text)));

        Assert.True(Size("setup:\n  A = open d0\n") < Size("thread T0:\n  A = open d0\n"));
        Assert.True(Size("setup:\n  A = open d0\nthread T0:\n  h = create_dumb A\n") < Size("thread T0:\n  A = open d0\nthread T1:\n  h = create_dumb 3\n"));
        Assert.True(Size("setup:\n  A = open d0\n  h = create_dumb A\n") < Size("setup:\n  A = open d0\n  h = create_dumb 3\n"));
        Assert.True(Size("setup:\n  A = open d0\n  B = open d0\n  h = create_dumb A\n  g = create_dumb A\n")
            < Size("setup:\n  A = open d0\n  B = open d0\n  h = create_dumb A\n  g = create_dumb B\n"));
    }

    /// <summary>Seed-era catalog row 1 (notes §3): the known smallest trigger of GetOnZero on v3.6.</summary>
    private const string Row1 = """
        primeprops-scenario 1
        device d0
        setup:
          A = open d0
          h = create_dumb A
          fd = handle_to_fd A h
        thread T0:
          close fd
        thread T1:
          fd2 = handle_to_fd A h
        schedule: T1*6 T0*3 T1
        """;

    [Fact]
    public void A_generated_noisy_failure_on_v3_6_shrinks_to_the_catalogs_minimal_size()
    {
        var report = new Checker(() => new V3_6(), new CheckOptions { Scenarios = 300, Seed = 1 }).Run();
        var finding = report.Findings.First(f => f.Violation.Oracle == OracleKind.GetOnZero);
        var catalog = ScenarioSize.Of(Executor.Run(ScenarioParser.Parse(Row1), new V3_6()));

        var shrunk = ScenarioSize.Of(finding.Shrunk);

        Assert.True(ScenarioSize.Of(finding.Found).Ops > catalog.Ops, "the generated failure should be noisy");
        Assert.Equal(OracleKind.GetOnZero, Executor.Run(finding.Shrunk.Scenario, new V3_6()).Violation?.Oracle);
        Assert.Equal((catalog.Ops, catalog.Threads, catalog.Devices), (shrunk.Ops, shrunk.Threads, shrunk.Devices));
        Assert.True(shrunk.Preemptions <= catalog.Preemptions, $"{shrunk.Preemptions} preemptions, the catalog's {catalog.Preemptions}");
    }

    [Fact]
    public void Dropping_a_handle_maker_lowers_the_guessed_handle_numbers_above_it()
    {
        var run = RunOf(ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              h = create_dumb A
              g = create_dumb A
            thread T0:
              x = create_dumb A
            thread T1:
              gem_close A 3
            """));
        var first = ShrinkPasses.DropOpsRenumbering(run).First(); // x makes 3 itself: nothing above it to lower

        Assert.Equal(["A = open d0", "h = create_dumb A"], SetupOf(first));
        Assert.Equal(["x = create_dumb A"], OpsOf(first, 0));
        Assert.Equal(["gem_close A 2"], OpsOf(first, 1));
    }

    [Fact]
    public void Every_use_of_a_value_becomes_its_number_at_once_and_its_maker_goes()
    {
        var run = RunOf(ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              h = create_dumb A
              gem_close A h
            thread T0:
              gem_close A h
            """));

        var all = ShrinkPasses.ReferenceToRaw(run).ToList();

        Assert.Contains(all, c => SetupOf(c).SequenceEqual(["A = open d0", "gem_close A 1"]) && OpsOf(c, 0).SequenceEqual(["gem_close A 1"]));
    }
}
