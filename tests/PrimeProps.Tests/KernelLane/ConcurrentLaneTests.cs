using PrimeProps.KernelLane;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.KernelLane;

/// <summary>The concurrent lane without qemu: the batch it writes, the outcomes it reads, and the model's side of the litmus test.</summary>
public class ConcurrentLaneTests
{
    private static readonly ConcurrentScenario Flink = ConcurrentScenario.FromFile(Corpus.PathOf("catalog", "modern-flink-enoent-while-gem-open-succeeds.scn"), "flink")!;

    private static Outcome Parse(string text) => Outcome.Parse(text) ?? throw new ArgumentException(text);

    [Fact]
    public void The_batch_numbers_ops_across_setup_and_threads_and_carries_each_threads_knobs()
    {
        var batch = ConcurrentBatchWriter.Write([new ConcurrentJob(Flink, 5, ForkPerRun: true, [default, new ThreadKnob(7, 3)])]);

        Assert.Equal("""
            C 5 fork flink
            O open
            O create_dumb @0:-1 1 1 32
            O flink @0:-1 @1:0
            T 0 0
            O gem_close @0:-1 @1:0
            T 7 3
            O flink @0:-1 @1:0
            O gem_open @0:-1 @2:0
            E

            """.ReplaceLineEndings("\n"), batch);
    }

    [Fact]
    public void A_thread_may_name_another_threads_result_which_it_reads_when_it_makes_its_call()
    {
        var s = ScenarioParser.Parse(TestScenarios.Header + "setup:\n  A = open d0\n  h = create_dumb A\nthread T0:\n  fd = handle_to_fd A h\nthread T1:\n  close fd\n");

        var batch = ConcurrentBatchWriter.Write([new ConcurrentJob(new ConcurrentScenario("x", s), 1, ForkPerRun: false, [])]);

        Assert.Contains("T 0 0\nO close @2:-1\n", batch);
        Assert.StartsWith("C 1 loop x\n", batch);
    }

    [Fact]
    public void The_guests_outcomes_and_kernel_alarms_are_read_per_scenario()
    {
        var log = SerialLog.Parse("""
            KL V 6.1.0-57-amd64
            KL S 0
            KL O 17 3 1 1 | 0 | 1 2 L0
            [    9.1] noise
            KL O 3 3 1 4 D1 | 5 D1 | -9 L1 X256
            KL K [    9.2] WARNING: CPU: 1 PID: 77 at drivers/gpu/drm/drm_gem.c:1
            KL END
            """);

        var s = Assert.Single(log.Scenarios);
        Assert.Equal([("3 1 1 | 0 | 1 2 L0", 17L), ("3 1 4 D1 | 5 D1 | -9 L1 X256", 3L)], s.Outcomes.Select(o => (o.Outcome.Key, o.Count)));
        var second = s.Outcomes[1].Outcome;
        Assert.Equal([3L, 1, 4, 5, -9], second.Results);
        Assert.Equal([0, 0, 1, 1, 0], second.DmaBufs);
        Assert.Equal((1, 256), (second.Live, second.Exit!.Value));
        Assert.Equal(["[    9.2] WARNING: CPU: 1 PID: 77 at drivers/gpu/drm/drm_gem.c:1"], s.KernelAlarms);
        Assert.Null(Outcome.Parse("3 1 x L0"));
        Assert.Null(Outcome.Parse("3 1 1")); // cut before its L part
    }

    [Fact]
    public void The_model_gives_four_outcomes_for_the_flink_window_and_only_the_one_the_kernel_bug_shows_is_not_linearizable()
    {
        var set = ModelOutcomes.Explore(Flink.Scenario, () => new Modern(), bound: 2, maxRuns: 20_000);

        Assert.True(set.Exhaustive);
        Assert.Empty(set.Stopped);
        Assert.Equal(["3 1 1 | 0 | -2 -2 L0", "3 1 1 | 0 | -2 2 L0", "3 1 1 | 0 | 1 -2 L0", "3 1 1 | 0 | 1 2 L0"],
            set.Outcomes.Keys.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["3 1 1 | 0 | -2 2 L0"], set.Outcomes.Values.Where(w => !w.Linearizable).Select(w => w.Outcome.Key));
    }

    [Fact]
    public void The_search_finds_a_schedule_for_a_possible_outcome_and_covers_every_schedule_before_calling_one_impossible()
    {
        var found = ModelOutcomes.Search(Flink.Scenario, () => new Modern(), Parse("3 1 1 | 0 | -2 2 L0"), bound: 6, maxRuns: 200_000, out int runsToFind);
        var none = ModelOutcomes.Search(Flink.Scenario, () => new Modern(), Parse("3 1 1 | 0 | -2 5 L0"), bound: 6, maxRuns: 200_000, out int runsToGiveUp);

        Assert.NotNull(found);
        Assert.False(found.Linearizable);
        Assert.Equal("3 1 1 | 0 | -2 2 L0", Outcome.Of(Flink.Scenario, found.Run)!.Key);
        Assert.Null(none);
        Assert.InRange(runsToGiveUp, 1, 199_999); // pruned at the first wrong result, so it ends well within the budget
        Assert.InRange(runsToFind, 1, runsToGiveUp);
    }

    [Fact]
    public void An_outcome_the_model_cannot_produce_is_reported_with_how_far_the_search_went()
    {
        var set = ModelOutcomes.Explore(Flink.Scenario, () => new Modern(), bound: 2, maxRuns: 20_000);
        var kernel = new KernelScenario(0, [], null, null)
        {
            Outcomes = [(Parse("3 1 1 | 0 | 1 2 L0"), 9), (Parse("3 1 1 | 0 | 1 2 L1"), 1)],
        };

        var verdict = LitmusRun.Judge(Flink, set, kernel, () => new Modern(), new ExplorationBudget());

        var outside = Assert.Single(verdict.OutsideModel);
        Assert.Equal("3 1 1 | 0 | 1 2 L1", outside.Outcome.Key); // a dma-buf left behind: the model never leaks here
        Assert.Equal(10, verdict.Histories);
        Assert.Equal(1, verdict.ModelOutcomesShown);
    }

    [Fact]
    public void Only_threaded_single_device_files_are_concurrent_lane_scenarios()
    {
        var (runnable, skipped) = ConcurrentScenario.FromDirectories([Corpus.Dir("catalog")]);

        Assert.Contains("catalog/row8-self-import-reference.scn", skipped);
        Assert.Contains(runnable, s => s.Label == "catalog/modern-flink-enoent-while-gem-open-succeeds.scn");
        Assert.All(runnable, s => Assert.Empty(s.Scenario.Schedule));
    }

    [Fact]
    public void Random_concurrent_scenarios_have_two_or_three_threads_on_one_device_and_repeat_for_a_seed()
    {
        var a = ConcurrentScenario.Random(seed: 5, count: 30);

        Assert.All(a, s => Assert.InRange(s.Scenario.Threads.Count, 2, 3));
        Assert.All(a, s => Assert.Single(s.Scenario.Devices));
        Assert.Equal(a.Select(s => ScenarioPrinter.Print(s.Scenario)), ConcurrentScenario.Random(seed: 5, count: 30).Select(s => ScenarioPrinter.Print(s.Scenario)));
    }

    /// <summary>
    /// Random scenario #51 of the 6.1 litmus run (seed 1): file fd2 caches dma-buf D1 under
    /// handle 1 (its import) and, after T0's export of its GEM_OPEN handle 2, under handle 2
    /// too. Which one T1's re-import gets depends on where the two dma-bufs sit in the cache's
    /// rb-tree, that is on slab addresses: the kernel returned 2, which only another address
    /// order than the scenario's own gives.
    /// </summary>
    [Fact]
    public void A_kernel_outcome_that_depends_on_dma_buf_addresses_is_found_under_another_address_order()
    {
        var scenario = ScenarioParser.Parse("""
            primeprops-scenario 1
            device d0
            setup:
              fd1 = open d0
              fd2 = open d0
              h3 = create_dumb fd1
              fd4 = handle_to_fd fd1 h3 CLOEXEC
              h5 = fd_to_handle fd2 fd4
              n6 = flink fd1 h3
              h7 = gem_open fd2 n6
              h8 = create_dumb fd1
              fd9 = handle_to_fd fd1 h8 CLOEXEC
              h10 = fd_to_handle fd2 fd9
              n11 = flink fd1 h8
              h12 = gem_open fd2 n11
            thread T0:
              fd13 = handle_to_fd fd2 h7 RDWR
            thread T1:
              h14 = fd_to_handle fd2 fd4
              h15 = fd_to_handle fd1 fd4
            thread T2:
              fd16 = handle_to_fd fd2 h7 CLOEXEC
            """);
        var kernel = Parse("3 4 1 5 D1 1 1 2 2 6 D2 3 2 4 | 7 D1 | 2 1 | 8 D1 L0");

        var ownOrder = ModelOutcomes.Search(scenario, () => new V6_1(), kernel, bound: 6, maxRuns: 200_000, out _);
        var anyOrder = ModelOutcomes.SearchAnyAddressOrder(scenario, () => new V6_1(), kernel, bound: 6, maxRuns: 200_000, out _);

        Assert.Null(ownOrder);
        Assert.NotNull(anyOrder);
        Assert.NotEqual(scenario.Addresses, anyOrder.Run.Scenario.Addresses);
        Assert.Equal(kernel.Key, Outcome.Of(anyOrder.Run.Scenario, anyOrder.Run)!.Key);
    }

    /// <summary>
    /// Catalog row 3 on a real 6.1 kernel: T1 closed fd 4 before the lane could identify it, so
    /// the export's result carries no D ordinal. It stands for any dma-buf, and nothing else does.
    /// </summary>
    [Fact]
    public void An_export_whose_fd_a_racing_close_took_before_the_lane_looked_stands_for_any_dma_buf()
    {
        var row3 = Corpus.Load("catalog", "row3-close-before-bookkeeping.scn");
        var kernel = Parse("3 1 | 4 | 0 L0");

        Assert.True(kernel.Admits(Parse("3 1 | 4 D1 | 0 L0"), row3));
        Assert.False(kernel.Admits(Parse("3 1 | 4 D1 | -9 L0"), row3)); // results still must agree
        Assert.False(kernel.Admits(Parse("3 1 | 4 D1 | 0 L1"), row3)); // and what is left after exit
        Assert.False(Parse("3 1 | 4 D1 | 0 L0").Admits(Parse("3 1 | 4 | 0 L0"), row3)); // an identified fd is not a wildcard
    }
}
