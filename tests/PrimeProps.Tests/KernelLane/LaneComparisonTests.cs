using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.KernelLane;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Tests.KernelLane;

/// <summary>The kernel lane without qemu: the batch it writes, the serial log it reads, and the verdicts of the comparison, from a canned log.</summary>
public class LaneComparisonTests
{
    /// <summary>A mutant: GEM_CLOSE of a handle that does not exist says ENOENT (the kernel says EINVAL).</summary>
    internal sealed class EnoentOnBadGemClose : Modern
    {
        protected internal override async KTask<int> drm_gem_close_ioctl(DrmDevice dev, DrmFile file_priv, uint handle)
        {
            int ret = await base.drm_gem_close_ioctl(dev, file_priv, handle);
            return ret == -Errno.EINVAL ? -Errno.ENOENT : ret;
        }
    }

    private static readonly LaneScenario Canned = new("canned", TestScenarios.Sequential(
        "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h CLOEXEC", "fd2 = handle_to_fd A h CLOEXEC", "gem_close A 7", "close fd"));

    /// <summary>What Linux 6.1 printed for <see cref="Canned"/>, with console noise around it.</summary>
    private static string Log(string secondExport = "KL R 3 5 D1", string live = "KL L 0", string end = "KL END") => $"""
        [    3.101] vgem: loading out-of-tree module taints kernel.
        KL V 6.1.0-56-amd64
        KL S 0
        KL R 0 3
        KL R 1 1
        KL R 2 4 D1
        {secondExport}
        KL R 4 -22
        KL R 5 0
        {live}
        {end}
        [    6.201] reboot: Power down
        """;

    private static List<Mismatch> Compare(string log, LinuxKernel model)
        => [.. KernelLaneRun.Compare([Canned], SerialLog.Parse(log), () => model)];

    [Fact]
    public void The_batch_names_earlier_results_by_index_with_the_model_fallback_and_fills_in_default_arguments()
    {
        Assert.Equal("""
            S canned
            O open
            O create_dumb @0:-1 1 1 32
            O handle_to_fd @0:-1 @1:0 524288
            O handle_to_fd @0:-1 @1:0 524288
            O gem_close @0:-1 7
            O close @2:-1
            E

            """.ReplaceLineEndings("\n"), BatchWriter.Write([Canned]));
    }

    [Fact]
    public void The_parser_keeps_the_executor_lines_and_ignores_kernel_messages()
    {
        var log = SerialLog.Parse(Log());

        Assert.Equal("6.1.0-56-amd64", log.KernelRelease);
        Assert.True(log.Complete);
        Assert.Empty(log.GuestErrors);
        var s = Assert.Single(log.Scenarios);
        Assert.Equal([3, 1, 4, 5, -Errno.EINVAL, 0], s.Calls.Select(c => c.Result));
        Assert.Equal([0, 0, 1, 1, 0, 0], s.Calls.Select(c => c.DmaBuf));
        Assert.Equal(0, s.LiveDmaBufs);
        Assert.Null(s.AbnormalExit);
    }

    [Fact]
    public void The_modern_model_agrees_with_the_canned_kernel_run()
    {
        Assert.Empty(Compare(Log(), new Modern()));
    }

    [Fact]
    public void A_model_that_says_ENOENT_for_a_bad_GEM_CLOSE_mismatches_the_kernel_and_the_reference()
    {
        var mismatches = Compare(Log(), new EnoentOnBadGemClose());

        Assert.Equal(2, mismatches.Count);
        Assert.Equal("MISMATCH canned: model's own check (oracles, sequential reference): kernel not involved, "
            + "model ReferenceMismatch: setup op 5: gem_close(3, 7) = -ENOENT, but the reference returns -EINVAL", mismatches[0].ToString());
        Assert.Equal("MISMATCH canned: op 5 `gem_close A 7`: kernel -EINVAL, model -ENOENT", mismatches[1].ToString());
    }

    [Fact]
    public void A_second_export_that_is_another_dma_buf_in_the_kernel_breaks_the_identity_pairing()
    {
        var m = Assert.Single(Compare(Log(secondExport: "KL R 3 5 D2"), new Modern()));

        Assert.Equal("op 4 `fd2 = handle_to_fd A h CLOEXEC`", m.Syscall);
        Assert.Equal("dma-buf #2", m.Kernel);
        Assert.StartsWith("dma-buf file#", m.Model);
        Assert.EndsWith(", which was the kernel's #1", m.Model);
    }

    [Fact]
    public void A_dma_buf_left_after_exit_is_a_leak_mismatch()
    {
        var m = Assert.Single(Compare(Log(live: "KL L 1"), new Modern()));

        Assert.Equal(("after exit (leak check)", "1 live dma-buf(s)", "0 live dma-buf(s)"), (m.Syscall, m.Kernel, m.Model));
    }

    [Fact]
    public void A_guest_that_stops_early_gives_mismatches_not_silence()
    {
        var mismatches = KernelLaneRun.Compare([Canned, Canned with { Label = "second" }], SerialLog.Parse(Log(end: "")), () => new Modern()).ToList();

        Assert.Equal(["second: whole scenario", "batch: end of batch"], mismatches.Select(m => $"{m.Scenario}: {m.Syscall}"));
    }

    /// <summary>
    /// random seed 1 #8721 on 6.1.0-57: fd9 re-exports h2's dma-buf under a second handle (h8, 3),
    /// so the file's prime cache holds that dma-buf twice, with h4's between them in address order.
    /// </summary>
    private static readonly LaneScenario TwoHandlesOfOneDmaBuf = new("random seed 1 #8721", TestScenarios.Sequential(
        "fd1 = open d0", "h2 = create_dumb fd1", "fd3 = handle_to_fd fd1 h2 CLOEXEC", "h4 = create_dumb fd1", "fd5 = handle_to_fd fd1 h4 CLOEXEC",
        "h6 = fd_to_handle fd1 fd5", "n7 = flink fd1 h2", "h8 = gem_open fd1 n7", "fd9 = handle_to_fd fd1 h8 CLOEXEC|RDWR",
        "h10 = fd_to_handle fd1 fd9", "h11 = fd_to_handle fd1 fd9"));

    /// <summary>What 6.1.0-57 answered: FD_TO_HANDLE of fd9 finds h8 (3), so h4's dma-buf had the lower address.</summary>
    private static KernelScenario TwoHandlesAnswer(long reimport = 3) => SerialLog.Parse($"""
        KL S 0
        KL R 0 3
        KL R 1 1
        KL R 2 4 D1
        KL R 3 2
        KL R 4 5 D2
        KL R 5 2
        KL R 6 1
        KL R 7 3
        KL R 8 6 D1
        KL R 9 {reimport}
        KL R 10 {reimport}
        KL L 0
        """).Scenarios[0];

    [Fact]
    public void The_dma_buf_address_order_is_the_models_choice_so_the_one_the_kernel_had_is_found()
    {
        var kernel = TwoHandlesAnswer();

        Assert.Equal(2, LaneComparer.Compare(TwoHandlesOfOneDmaBuf, kernel, new V6_1()).Count); // the default order: h4's dma-buf above
        Assert.Empty(LaneComparer.Compare(TwoHandlesOfOneDmaBuf with { Scenario = TwoHandlesOfOneDmaBuf.Scenario with { Addresses = [0, 0] } }, kernel, new V6_1()));
        Assert.Empty(LaneComparer.Compare(TwoHandlesOfOneDmaBuf, kernel, () => new V6_1()));
        Assert.Empty(LaneComparer.Compare(TwoHandlesOfOneDmaBuf, TwoHandlesAnswer(reimport: 1), () => new V6_1()));
    }

    [Fact]
    public void An_answer_no_address_order_explains_is_still_a_mismatch_of_the_scenarios_own_order()
    {
        var mismatches = LaneComparer.Compare(TwoHandlesOfOneDmaBuf, TwoHandlesAnswer(reimport: 2), () => new V6_1());

        Assert.Equal(["op 10 `h10 = fd_to_handle fd1 fd9`: kernel 2, model 1", "op 11 `h11 = fd_to_handle fd1 fd9`: kernel 2, model 1"],
            mismatches.Select(m => $"{m.Syscall}: kernel {m.Kernel}, model {m.Model}"));
    }

    [Fact]
    public void Every_address_order_of_three_dma_bufs_is_tried_once()
    {
        var orders = LaneComparer.AddressOrders(3).Select(o => string.Join(' ', o)).ToList();

        Assert.Equal(["0 0 0", "0 0 1", "0 0 2", "0 1 0", "0 1 1", "0 1 2"], orders);
    }

    [Fact]
    public void A_threaded_corpus_scenario_runs_its_threads_in_turn_and_says_so()
    {
        var lane = LaneScenario.FromFile(Corpus.PathOf("catalog", "row1-export-vs-last-fd-close.scn"), "catalog/row1")!;

        Assert.Equal("catalog/row1 (threads run in turn: T0, T1)", lane.Label);
        Assert.Equal(["A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "close fd", "fd2 = handle_to_fd A h"],
            lane.Scenario.Setup.Select(PrimeProps.Scenarios.ScenarioPrinter.PrintOp));
        Assert.Empty(lane.Scenario.Threads);
    }

    [Fact]
    public void The_appended_batch_archive_is_newc_and_four_byte_aligned()
    {
        var archive = NewcArchive.SingleFile("batch.txt", "S x\nE\n"u8.ToArray());

        Assert.Equal("070701", System.Text.Encoding.ASCII.GetString(archive, 0, 6));
        Assert.Equal(0, archive.Length % 4);
        Assert.Contains("TRAILER!!!", System.Text.Encoding.ASCII.GetString(archive));
    }
}
