using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Reference;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Reference;

/// <summary>Today's kernel against the sequential reference of what userspace may see.</summary>
public class ReferenceOracleTests
{
    /// <summary>A wrong kernel: the per-file cache never hits, so a re-import makes a fresh handle.</summary>
    private sealed class FreshHandleOnReimport : Modern
    {
        protected override int drm_prime_lookup_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, Out<long> handle) => -Errno.ENOENT;
    }

    [Fact]
    public void A_fresh_handle_on_re_import_in_the_same_file_is_caught_by_the_reference()
    {
        var scenario = TestScenarios.Sequential("A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "x = fd_to_handle A fd");

        var run = Executor.Run(scenario, new FreshHandleOnReimport());

        Assert.Equal(OracleKind.ReferenceMismatch, run.Violation?.Oracle);
        Assert.Equal("setup op 4: fd_to_handle(3, 4) = 2, but the reference returns 1", run.Violation!.Message);
        Assert.Null(Executor.Run(scenario, new Modern()).Violation);
    }

    // Found by `primeprops fuzz --protocol modern`: the reference read all 64 bits of the flags,
    // the ioctl (like the uapi's __u32 flags) only the low 32, so 1<<63 was EINVAL against ENOENT.
    [Theory]
    [InlineData("-9223372036854775808", "-ENOENT")] // 1<<63: low 32 bits clear, handle 0 not found
    [InlineData("0x100080000", "-ENOENT")]          // CLOEXEC in the low half
    [InlineData("0x4", "-EINVAL")]                  // an unknown low bit
    public void Flags_are_read_as_the_ioctl_struct_holds_them_32_bits(string flags, string expected)
    {
        var scenario = TestScenarios.Sequential("A = open d0", $"fd = handle_to_fd A 0 {flags}");

        var run = Executor.Run(scenario, new Modern());

        Assert.Null(run.Violation);
        Assert.Equal(expected, Errno.Format(TestScenarios.SetupReturns(run)[1]));
    }

    [Fact]
    public void The_same_wrong_kernel_is_caught_in_concurrent_runs_by_linearizability()
    {
        var scenario = ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              h = create_dumb A
              fd = handle_to_fd A h
            thread T0:
              x = fd_to_handle A fd
            thread T1:
              y = create_dumb A
            schedule: T0*3 T1*3 T0
            """);

        var run = Executor.Run(scenario, new FreshHandleOnReimport());

        Assert.Equal(OracleKind.NotLinearizable, run.Violation?.Oracle);
        Assert.Contains("after which no pending call fits: T0 op 1: fd_to_handle(3, 4) =", run.Violation!.Message);
    }

    /// <summary>
    /// Today's kernel has non-linearizable windows of its own, all in the two-stage GEM_CLOSE
    /// (fuzz-corpus/catalog/modern-*.scn): FD_TO_HANDLE returning the handle being closed, and
    /// FLINK saying ENOENT while GEM_OPEN of the name still works (both seen on real 6.1 and
    /// 6.12 kernels, docs/upstream-*.md); and GEM_CHANGE_HANDLE (6.18+, model only) finding the
    /// closing number gone as an old handle yet taken as a new one. Anything else the reference
    /// rejects is a model or reference bug.
    /// </summary>
    [Fact]
    public void Todays_kernel_matches_the_reference_on_4000_random_scenarios_but_for_its_two_gem_close_windows()
    {
        foreach (var (threads, scenarios) in new[] { (1, 2000), (3, 2000) }) // about 35,000 runs
        {
            var options = new CheckOptions { Scenarios = scenarios, Seed = 20, Generator = new GeneratorOptions { MaxThreads = threads } };
            var report = new Checker(() => new Modern(), options).Run();
            Assert.Equal(scenarios, report.Scenarios);
            if (threads == 1)
                Assert.True(report.Clean, $"sequential: {string.Join("; ", report.Findings.Select(f => f.Violation))}");
            foreach (var finding in report.Findings)
                Assert.True(IsAGemCloseWindow(finding.Shrunk), $"{threads} threads: {finding.Violation}\n{ScenarioPrinter.Print(finding.Shrunk.Scenario)}");
        }
    }

    /// <summary>
    /// A shrunk NotLinearizable run of two threads, one with a GEM_CLOSE held mid-way,
    /// the other the window's other side: FD_TO_HANDLE, or GEM_OPEN of the name after a call
    /// that saw the handle gone (FLINK or export saying ENOENT, a GEM_CLOSE of the object's
    /// other handle, a GEM_OPEN in a file whose vma entry was revoked): the name still opens, as
    /// the held GEM_CLOSE has unpublished its handle but not yet dropped handle_count.
    /// </summary>
    private static bool IsAGemCloseWindow(RunResult shrunk)
    {
        if (shrunk.Violation?.Oracle != OracleKind.NotLinearizable || shrunk.Scenario.Threads.Count != 2)
            return false;
        return shrunk.Scenario.Threads.Any(closer =>
        {
            if (!closer.Ops.Any(o => o.Kind == OpKind.GemClose))
                return false;
            var kinds = shrunk.Scenario.Threads.Single(t => t != closer).Ops.Select(o => o.Kind).ToHashSet();
            return kinds.Contains(OpKind.FdToHandle) || (kinds.Contains(OpKind.GemOpen) && kinds.Count > 1)
                || kinds.Contains(OpKind.GemChangeHandle); // the number being closed is neither live (ENOENT) nor free (ENOSPC)
        });
    }

    [Fact]
    public void An_ioctl_may_return_the_number_of_its_drm_fd_that_another_thread_closed_meanwhile()
    {
        // The export holds the drm file (fget); T1 closes fd 3; the dma-buf lands on the freed
        // number 3. No single-point order explains it; the two-part fd install does.
        var scenario = ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              h = create_dumb A
            thread T0:
              fd = handle_to_fd A h
            thread T1:
              close A
            schedule: T0*2 T1
            """);

        var run = Executor.Run(scenario, new Modern());

        Assert.Equal(3, run.ReturnOf(0, 0));
        Assert.Null(run.Violation);
    }

    private static Call Create(int thread, int invoked, int returned, long result)
        => new(thread, 0, OpKind.CreateDumb, new SyscallArgs { A = 3, Width = 1, Height = 1, Bpp = 32 }, result, invoked, returned) { Resolved = [4] };

    [Fact]
    public void Two_overlapping_creates_cannot_both_get_handle_1()
    {
        var open = new Call(Scenario.SetupThread, 0, OpKind.Open, new SyscallArgs { Device = new DrmDevice(0, "d0", DeviceKind.Native) }, 3, 1, 4) { Installed = 4 };
        var initial = ReferenceState.Initial([DeviceKind.Native], strictIds: false);

        var bad = Linearizability.Check([open, Create(0, 10, 20, 1), Create(1, 11, 21, 1)], initial);
        var good = Linearizability.Check([open, Create(0, 10, 20, 1), Create(1, 11, 21, 2)], initial);

        Assert.False(bad.Linearizable);
        Assert.Equal(2, bad.LongestPrefix.Count);
        Assert.True(good.Linearizable);
    }

    [Fact]
    public void A_history_explained_only_out_of_invocation_order_is_found_by_the_search()
    {
        // GEM_CLOSE was invoked first, but the FLINK that overlapped it found the handle: only
        // "flink, then close" explains both results, so the first path (invocation order) fails
        // at the flink and the search has to find the other order.
        var open = new Call(Scenario.SetupThread, 0, OpKind.Open, new SyscallArgs { Device = new DrmDevice(0, "d0", DeviceKind.Native) }, 3, 1, 4) { Installed = 4 };
        var create = new Call(Scenario.SetupThread, 1, OpKind.CreateDumb, new SyscallArgs { A = 3, Width = 1, Height = 1, Bpp = 32 }, 1, 5, 8) { Resolved = [4] };
        var close = new Call(0, 0, OpKind.GemClose, new SyscallArgs { A = 3, B = 1 }, 0, 10, 20) { Resolved = [4] };
        var flink = new Call(1, 0, OpKind.Flink, new SyscallArgs { A = 3, B = 1 }, 1, 11, 21) { Resolved = [4] };
        var initial = ReferenceState.Initial([DeviceKind.Native], strictIds: false);

        var result = Linearizability.Check([open, create, close, flink], initial);
        var wrong = Linearizability.Check([open, create, close, flink with { Invoked = 25, Returned = 30 }], initial);

        Assert.True(result.Linearizable);
        Assert.Equal([open, create, flink, close], result.LongestPrefix);
        Assert.False(wrong.Linearizable); // invoked after the close returned: the handle is gone
        Assert.Equal(OpKind.Flink, Assert.Single(wrong.Blocked).Kind);
    }
}
