using PrimeProps.Kernel;

namespace PrimeProps.Tests.Model;

/// <summary>What v6.12 and v6.1 do differently from modern, each checked by the model and the reference.</summary>
public class VersionProtocolTests
{
    /// <summary>Fds 3..1023 taken by dups of the drm fd, then an export of a missing handle and of a real one.</summary>
    private static string[] FullFdTable(string export)
        => ["A = open d0", "h = create_dumb A", .. Enumerable.Range(0, FdTable.RLIMIT_NOFILE - 4).Select(i => $"d{i} = dup A"), export];

    [Theory]
    [InlineData("modern", "-ENOENT")]
    [InlineData("v6.1", "-ENOENT")]   // the handle is looked up before dma_buf_fd
    [InlineData("v6.12", "-EMFILE")]  // get_unused_fd_flags comes first
    public void With_a_full_fd_table_a_bad_handle_gives_the_versions_error(string protocol, string expected)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential(FullFdTable("x = handle_to_fd A 9")));

        Assert.Null(run.Violation); // the reference agrees, given the version's order
        Assert.Equal(expected, Errno.Format(TestScenarios.SetupReturns(run)[^1]));
    }

    [Theory]
    [InlineData("modern", 1)]  // exported and cached, then FD_ADD finds no fd and drops the fd's reference
    [InlineData("v6.1", 1)]    // exported and cached under prime.lock, dma_buf_fd fails, fail_put_dmabuf
    [InlineData("v6.12", 0)]   // nothing exported
    public void With_a_full_fd_table_a_good_handle_gives_EMFILE_and_the_export_link_only_where_the_export_ran(string protocol, int dmaBufs)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential(FullFdTable("x = handle_to_fd A h")));

        Assert.Null(run.Violation);
        Assert.Equal("-EMFILE", Errno.Format(TestScenarios.SetupReturns(run)[^1]));
        Assert.Equal(dmaBufs, run.Kernel.DmaBufs.Count);
    }

    [Theory]
    [InlineData("modern")]
    [InlineData("v6.12")]
    [InlineData("v6.1")]
    public void Cloexec_is_per_fd_and_the_access_mode_is_the_first_exports(string protocol)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential(
            "A = open d0", "h = create_dumb A", "f1 = handle_to_fd A h CLOEXEC", "f2 = handle_to_fd A h RDWR", "d = dup f1"));

        Assert.Null(run.Violation);
        Assert.Equal([new FdFlags(false, true), null, new FdFlags(true, false), new FdFlags(false, false), new FdFlags(false, false)],
            run.History.Select(c => c.Flags));
    }

    [Fact]
    public void The_reference_catches_a_kernel_that_forgets_cloexec()
    {
        var run = PrimeProps.Execution.Executor.Run(TestScenarios.Sequential("A = open d0", "h = create_dumb A", "f = handle_to_fd A h CLOEXEC"), new NoCloexec());

        Assert.Equal(OracleKind.ReferenceMismatch, run.Violation?.Oracle);
        Assert.Contains("[-,rdonly]", run.Violation!.Message);
    }

    private sealed class NoCloexec : Protocols.V6_1
    {
        protected override PrimeProps.Runtime.KTask<int> dma_buf_fd(DmaBuf? dmabuf, uint flags) => base.dma_buf_fd(dmabuf, flags & ~PrimeProps.Scenarios.PrimeFlags.DRM_CLOEXEC);
    }
}
