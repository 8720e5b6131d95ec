using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Reference;

/// <summary>
/// Runs with an injected ENOMEM are checked against the reference: the faulted call must fail
/// with ENOMEM and leave what today's kernel leaves; the calls after it show that state.
/// </summary>
public class ReferenceFaultTests
{
    private const string TwoDevices = "primeprops-scenario 1\ndevice d0\ndevice d1\n";

    private static RunResult Run(string text, LinuxKernel? kernel = null) => Executor.Run(ScenarioParser.Parse(text), kernel ?? new Modern());

    private static string Setup(string header, string faultLine, params string[] ops)
        => header + "setup:\n" + string.Join("\n", ops.Select(o => "  " + o)) + "\n" + faultLine + "\n";

    private static void AssertCheckedAndReturns(RunResult run, params string[] expected)
    {
        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.True(run.Reference.WithFault, "the planned fault did not fire");
        Assert.Equal(expected, TestScenarios.SetupReturns(run).Select(Errno.Format));
    }

    [Fact]
    public void Open_drm_file_fault_leaves_no_file_and_frees_the_fd()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:1 drm_file", "A = open d0", "B = open d0")), "-ENOMEM", "3");

    [Theory]
    [InlineData("gem_object")]
    [InlineData("object_idr")]
    [InlineData("drm_vma_offset_file")] // drm_vma_node_allow: the reserved slot is removed again
    public void Create_dumb_fault_leaves_no_handle(string site)
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, $"fault setup:2 {site}", "A = open d0", "h = create_dumb A", "g = create_dumb A")),
            "3", "-ENOMEM", "1");

    [Theory]
    [InlineData("dma_buf")]
    [InlineData("drm_prime_member")] // obj->dma_buf stays set: the next export reuses it
    public void Handle_to_fd_fault_leaves_no_fd_and_no_cache_entry(string site)
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, $"fault setup:3 {site}",
                "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "fd2 = handle_to_fd A h", "x = fd_to_handle A fd2")),
            "3", "1", "-ENOMEM", "4", "1");

    [Theory]
    [InlineData("object_idr")]
    [InlineData("drm_prime_member")] // the handle is made, then deleted again
    public void Own_device_import_fault_leaves_no_handle(string site)
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, $"fault setup:5 {site}",
                "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "B = open d0", "x = fd_to_handle B fd", "y = fd_to_handle B fd")),
            "3", "1", "4", "5", "-ENOMEM", "1");

    [Fact]
    public void Own_device_re_import_of_a_closed_handle_fault_drops_the_export_link_again()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:5 object_idr",
                "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "gem_close A h",
                "y = fd_to_handle A fd", "z = fd_to_handle A fd", "fd2 = handle_to_fd A z")),
            "3", "1", "4", "0", "-ENOMEM", "1", "5");

    [Theory]
    [InlineData("dma_buf_attachment")]
    [InlineData("gem_object")]
    [InlineData("object_idr")]
    [InlineData("drm_prime_member")]
    public void Foreign_import_fault_leaves_no_importer_object(string site)
        => AssertCheckedAndReturns(Run(Setup(TwoDevices, $"fault setup:5 {site}",
                "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "B = open d1", "x = fd_to_handle B fd", "y = fd_to_handle B fd", "fd2 = handle_to_fd B y")),
            "3", "1", "4", "5", "-ENOMEM", "1", "6");

    [Fact]
    public void Flink_fault_leaves_no_name()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:3 object_name_idr",
                "A = open d0", "h = create_dumb A", "n = flink A h", "m = flink A h")),
            "3", "1", "-ENOMEM", "1");

    [Fact]
    public void Gem_open_fault_leaves_no_handle()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:5 object_idr",
                "A = open d0", "h = create_dumb A", "n = flink A h", "B = open d0", "x = gem_open B n", "y = gem_open B n")),
            "3", "1", "1", "4", "-ENOMEM", "1");

    [Fact]
    public void A_fault_on_a_path_that_does_not_allocate_there_never_fires_and_the_run_is_still_checked()
    {
        var run = Run(Setup(TestScenarios.Header, "fault setup:4 dma_buf",
            "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "fd2 = handle_to_fd A h"));

        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.False(run.Reference.WithFault);
    }

    /// <summary>A wrong kernel: the dumb buffer's handle is made before an allocation that then fails, and kept.</summary>
    private sealed class HandleLeftOnFailure : Modern
    {
        protected override async KTask<int> drm_gem_shmem_create_with_handle(DrmFile file_priv, DrmDevice dev, long size, Out<long> handle)
        {
            var shmem = k.NewGemObject(dev, size);
            int ret = await drm_gem_handle_create(file_priv, shmem, handle);
            await drm_gem_object_put(shmem);
            return await kmalloc("gem_object") ? ret : -Errno.ENOMEM;
        }
    }

    [Fact]
    public void A_kernel_that_keeps_a_handle_after_ENOMEM_is_caught()
    {
        var run = Run(Setup(TestScenarios.Header, "fault setup:2 gem_object", "A = open d0", "h = create_dumb A", "g = create_dumb A"), new HandleLeftOnFailure());

        Assert.Equal(OracleKind.ReferenceMismatch, run.Violation?.Oracle);
        Assert.Equal("setup op 3: create_dumb(3, 1x1x32) = 2, but the reference returns 1", run.Violation!.Message);
        Assert.Equal(ReferenceOutcome.Fail, run.Reference.Outcome);
    }

    [Fact]
    public void Concurrent_runs_with_a_fault_are_checked_by_linearizability()
    {
        var run = Run(TestScenarios.Header + """
            setup:
              A = open d0
              h = create_dumb A
            thread T0:
              fd = handle_to_fd A h
              fd2 = handle_to_fd A h
            thread T1:
              g = create_dumb A
            schedule: T0*3 T1*3 T0*2 T1*40 T0*40
            fault T0:1 dma_buf
            """);

        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.True(run.Reference.WithFault);
        Assert.True(run.Reference.Points > 0, "the history should have overlapped");
    }

    /// <summary>drm_vma_node_allow allocates its drm_vma_offset_file only for the file's first handle of an object: a second one counts on it.</summary>
    [Fact]
    public void Vma_allow_fault_fails_a_files_first_handle_of_an_object_only()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:5 drm_vma_offset_file",
                "A = open d0", "h = create_dumb A", "n = flink A h", "B = open d0", "x = gem_open B n", "y = gem_open B n")),
            "3", "1", "1", "4", "-ENOMEM", "1");

    [Fact]
    public void Vma_allow_fault_in_a_file_that_holds_the_object_already_changes_nothing()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:4 drm_vma_offset_file",
                "A = open d0", "h = create_dumb A", "n = flink A h", "x = gem_open A n", "y = gem_open A n")),
            "3", "1", "1", "2", "3");

    [Fact]
    public void The_last_handle_of_a_file_revokes_its_vma_entry_so_the_next_first_handle_can_fail_again()
        => AssertCheckedAndReturns(Run(Setup(TestScenarios.Header, "fault setup:7 drm_vma_offset_file",
                "A = open d0", "h = create_dumb A", "n = flink A h", "B = open d0", "x = gem_open B n", "gem_close B x", "y = gem_open B n")),
            "3", "1", "1", "4", "1", "0", "-ENOMEM");
}
