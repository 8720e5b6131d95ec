using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Reference;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Reference;

/// <summary>Concurrent histories longer than one search's bitmask are cut at quiescent points and checked whole.</summary>
public class LongHistoryTests
{
    private static Call At(int thread, int invoked, int returned) => new(thread, 0, OpKind.Close, default, -9, invoked, returned);

    [Fact]
    public void A_history_is_cut_where_no_call_is_in_flight()
    {
        var segments = Linearizability.Segments([At(0, 1, 5), At(1, 2, 3), At(1, 6, 8), At(0, 7, 9), At(0, 10, 11)]);

        Assert.Equal([2, 2, 1], segments.Select(s => s.Count));
        Assert.Equal([1, 2], segments[0].Select(c => c.Invoked));
    }

    /// <summary>After a setup that exports one buffer: T0 makes <paramref name="creates"/> buffers; T1 runs <paramref name="firstOps"/>, names the exported buffer <paramref name="flinks"/> times, then runs <paramref name="lastOp"/>.</summary>
    private static Scenario TwoThreads(int creates, string firstOps, int flinks, string lastOp, string schedule) => ScenarioParser.Parse(TestScenarios.Header + $"""
        setup:
          A = open d0
          h = create_dumb A
          fd = handle_to_fd A h
        thread T0:
        {string.Concat(Enumerable.Range(0, creates).Select(i => $"  c{i} = create_dumb A\n"))}
        thread T1:
        {firstOps}{string.Concat(Enumerable.Range(0, flinks).Select(i => $"  n{i} = flink A h\n"))}  {lastOp}
        schedule: {schedule}
        """);

    /// <summary>Two threads start together, then each runs 40 ops alone: 82 points, the longest stretch small.</summary>
    private static Scenario Long(string lastOp) => TwoThreads(40, "  g = create_dumb A\n", 39, lastOp, "T0 T1*11 T0*2000 T1*2000");

    [Fact]
    public void A_long_concurrent_history_of_todays_kernel_passes_instead_of_going_unchecked()
    {
        var run = Executor.Run(Long("x = fd_to_handle A fd"), new Modern());

        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.True(run.Reference.Points > 62, $"{run.Reference.Points} points");
        Assert.True(run.Reference.LongestStretch < 4, $"longest stretch {run.Reference.LongestStretch}");
    }

    /// <summary>The per-file cache never hits, so the re-import at the very end gets a fresh handle.</summary>
    private sealed class FreshHandleOnReimport : Modern
    {
        protected override int drm_prime_lookup_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, Out<long> handle) => -Errno.ENOENT;
    }

    [Fact]
    public void A_wrong_result_in_the_last_stretch_of_a_long_history_is_caught()
    {
        var run = Executor.Run(Long("x = fd_to_handle A fd"), new FreshHandleOnReimport());

        Assert.Equal(OracleKind.NotLinearizable, run.Violation?.Oracle);
        Assert.EndsWith("after which no pending call fits: T1 op 41: fd_to_handle(3, 4) = 43 (reference: 1)", run.Violation!.Message);
    }

    [Fact]
    public void A_search_over_its_budget_is_undecided_not_passed()
    {
        var history = Executor.Run(Long("x = fd_to_handle A fd"), new Modern(), options: new RunOptions { Reference = false }).History;

        var result = Linearizability.Check(history, ReferenceState.Initial([DeviceKind.Native], strictIds: false), budget: 5);

        Assert.False(result.Linearizable);
        Assert.Equal("no verdict within 5 search nodes", result.Undecided);
    }

    /// <summary>Two threads of 70 ops each, T0 at twice the pace of T1: their calls overlap from start to end, no quiescent point between.</summary>
    private static Scenario Overlapping(string lastOp) => TwoThreads(70, "", 69, lastOp, string.Join(" ", Enumerable.Repeat("T0*2 T1", 1500)));

    [Fact]
    public void A_stretch_longer_than_the_search_takes_is_still_checked_when_its_first_order_explains_it()
    {
        var run = Executor.Run(Overlapping("x = fd_to_handle A fd"), new Modern());

        Assert.True(run.Reference.LongestStretch > Linearizability.MaxPoints, $"longest stretch {run.Reference.LongestStretch}");
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.Null(run.Violation);
    }

    [Fact]
    public void A_wrong_result_in_a_stretch_longer_than_the_search_takes_is_undecided_not_passed()
    {
        var run = Executor.Run(Overlapping("x = fd_to_handle A fd"), new FreshHandleOnReimport());

        Assert.Equal(ReferenceOutcome.Unknown, run.Reference.Outcome);
        Assert.Equal("no quiescent point", run.Reference.Reason);
        Assert.Null(run.Violation);
    }
}
