using PrimeProps.Kernel;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.Model;

/// <summary>Return values and errno for good and bad input, one syscall at a time (notes §1.2, §7).</summary>
public class ErrnoTests
{
    public static TheoryData<string> Protocols() => [.. ProtocolRegistry.Names];

    private static long[] Returns(string protocol, params string[] ops)
        => TestScenarios.SetupReturns(TestScenarios.Run(protocol, TestScenarios.Sequential(ops)));

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Fds_are_lowest_free_from_3_and_handles_and_names_from_1(string protocol)
    {
        var r = Returns(protocol,
            "A = open d0", "B = open d0", "h1 = create_dumb A", "h2 = create_dumb A",
            "gem_close A h1", "h3 = create_dumb A", "n = flink A h2", "fd = handle_to_fd A h2",
            "close B", "fd2 = handle_to_fd A h3");
        Assert.Equal([3, 4, 1, 2, 0, 1, 1, 5, 0, 4], r);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Bad_handles_fds_and_names_give_the_kernel_errno(string protocol)
    {
        var r = Returns(protocol,
            "A = open d0",
            "gem_close A 7",          // unknown handle
            "handle_to_fd A 7",       // unknown handle
            "fd_to_handle A 9",       // fd not open
            "fd_to_handle A -1",
            "fd_to_handle A A",       // a drm fd is no dma-buf
            "close 9",
            "dup 9",
            "flink A 7",
            "gem_open A 5",           // unknown name
            "create_dumb A 0x0x0",
            "create_dumb 9",          // ioctl on a closed fd
            "create_dumb 0");         // ioctl on stdin, no DRM ioctls there
        Assert.Equal(
            [3, -Errno.EINVAL, -Errno.ENOENT, -Errno.EBADF, -Errno.EBADF, -Errno.EINVAL, -Errno.EBADF, -Errno.EBADF,
             -Errno.ENOENT, -Errno.ENOENT, -Errno.EINVAL, -Errno.EBADF, -Errno.ENOTTY], r);
    }

    [Theory]
    [InlineData("v3.6", "CLOEXEC", 4)]
    [InlineData("v3.6", "RDWR", -Errno.EINVAL)]          // v3.6 accepts only DRM_CLOEXEC
    [InlineData("v3.6", "0x4", -Errno.EINVAL)]
    [InlineData("seed-2012", "CLOEXEC|RDWR", -Errno.EINVAL)]
    [InlineData("seed-2012", "0", 4)]
    public void Export_flags_are_checked_before_anything_else(string protocol, string flags, long expected)
    {
        var r = Returns(protocol, "A = open d0", "h = create_dumb A", $"fd = handle_to_fd A h {flags}");
        Assert.Equal(expected, r[2]);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Re_import_in_the_exporting_file_returns_the_original_handle(string protocol)
    {
        var r = Returns(protocol, "A = open d0", "h1 = create_dumb A", "h2 = create_dumb A",
            "fd = handle_to_fd A h2", "x = fd_to_handle A fd", "y = fd_to_handle A fd");
        Assert.Equal(2, r[4]);
        Assert.Equal(2, r[5]);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void A_dma_buf_fd_is_no_drm_fd_and_dup_shares_the_file(string protocol)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential(
            "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "fd2 = dup fd", "gem_close fd h", "close fd", "x = fd_to_handle A fd2"));
        var r = TestScenarios.SetupReturns(run);
        Assert.Equal(5, r[3]);
        Assert.Equal(-Errno.ENOTTY, r[4]);
        Assert.Equal(1, r[6]); // the dup keeps the dma-buf, so the import still finds it
        Assert.Single(run.Kernel.DmaBufs);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Cross_device_import_makes_an_importer_object_with_an_attachment(string protocol)
    {
        var text = "primeprops-scenario 1\ndevice d0\ndevice d1\nsetup:\n  A = open d0\n  B = open d1\n" +
                   "  h = create_dumb A\n  fd = handle_to_fd A h\n  hb = fd_to_handle B fd\n  hb2 = fd_to_handle B fd\n  fdb = handle_to_fd B hb\n";
        var run = TestScenarios.Run(ProtocolRegistry.Create(protocol), text);
        var r = TestScenarios.SetupReturns(run);

        Assert.Equal(1, r[4]);
        Assert.Equal(1, r[5]);                   // the per-file cache returns the same handle
        Assert.Equal(2, run.Kernel.Objects.Count); // exporter and importer
        var importer = run.Kernel.Objects[1];
        Assert.Same(run.Kernel.DmaBufs[0], importer.RawImportAttach!.RawDmaBuf);
        Assert.Single(run.Kernel.DmaBufs);       // re-export from B returns A's dma-buf
        Assert.Null(run.Violation);
    }

    [Theory]
    [InlineData("v3.6", -Errno.ENOSYS)]      // the driver has no prime_fd_to_handle
    [InlineData("seed-2012", -Errno.ENOSYS)]
    [InlineData("modern", -Errno.EINVAL)]    // no gem_prime_import_sg_table (notes §1.2)
    public void An_export_only_device_refuses_imports(string protocol, long expected)
    {
        var text = "primeprops-scenario 1\ndevice d0\ndevice d1 export-only\nsetup:\n  A = open d0\n  B = open d1\n" +
                   "  h = create_dumb A\n  fd = handle_to_fd A h\n  hb = fd_to_handle B fd\n";
        var r = TestScenarios.SetupReturns(TestScenarios.Run(ProtocolRegistry.Create(protocol), text));
        Assert.Equal(expected, r[4]);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Gem_open_of_a_flink_name_gives_a_new_handle_each_time(string protocol)
    {
        var r = Returns(protocol, "A = open d0", "B = open d0", "h = create_dumb A", "n = flink A h", "n2 = flink A h",
            "x = gem_open B n", "y = gem_open B n", "z = gem_open A n");
        Assert.Equal([3, 4, 1, 1, 1, 1, 2, 2], r);
    }
}
