using PrimeProps.KernelLane;
using PrimeProps.Protocols;

namespace PrimeProps.Tests.KernelLane;

/// <summary>FD_CLOEXEC and the access mode in the lane's log and its comparison, from canned logs.</summary>
public class FdFlagsLaneTests
{
    private static readonly LaneScenario Flags = new("flags", TestScenarios.Sequential(
        "A = open d0", "h = create_dumb A", "f1 = handle_to_fd A h CLOEXEC", "f2 = handle_to_fd A h RDWR", "d = dup f1"));

    private static string Log(string first = "F1r", string second = "F0r", string dup = "F0r") => $"""
        KL V 6.1.0-57-amd64
        KL S 0
        KL R 0 3 F0b
        KL R 1 1
        KL R 2 4 D1 {first}
        KL R 3 5 D1 {second}
        KL R 4 6 D1 {dup}
        KL L 0
        KL END
        """;

    [Fact]
    public void The_parser_reads_the_flags_of_each_fd_result()
    {
        var calls = SerialLog.Parse(Log()).Scenarios[0].Calls;

        Assert.Equal(["0b", null, "1r", "0r", "0r"], calls.Select(c => c.Flags));
        Assert.Equal([0, 0, 1, 1, 1], calls.Select(c => c.DmaBuf));
    }

    [Theory]
    [InlineData("modern")]
    [InlineData("v6.12")]
    [InlineData("v6.1")]
    public void The_access_mode_is_the_first_exports_and_dup_clears_cloexec_in_every_version(string protocol)
    {
        Assert.Empty(KernelLaneRun.Compare([Flags], SerialLog.Parse(Log()), () => ProtocolRegistry.Create(protocol)));
    }

    [Fact]
    public void A_cloexec_export_without_FD_CLOEXEC_is_a_mismatch_naming_both_sides()
    {
        var m = Assert.Single(KernelLaneRun.Compare([Flags], SerialLog.Parse(Log(first: "F0r")), () => new V6_1()));

        Assert.Equal("op 3 `f1 = handle_to_fd A h CLOEXEC` fd flags", m.Syscall);
        Assert.Equal("-,rdonly", m.Kernel);
        Assert.Equal("cloexec,rdonly", m.Model);
    }

    [Fact]
    public void A_later_RDWR_export_that_turned_the_file_read_write_is_a_mismatch()
    {
        var m = Assert.Single(KernelLaneRun.Compare([Flags], SerialLog.Parse(Log(second: "F0b")), () => new V6_1()));

        Assert.Equal("-,rdwr", m.Kernel);
        Assert.Equal("-,rdonly", m.Model);
    }

    [Theory]
    [InlineData("6.1", "v6.1")]
    [InlineData("6.12", "v6.12")]
    [InlineData("6.1.0-57-amd64", "v6.1")]
    [InlineData("6.12.107+deb12-amd64", "v6.12")]
    [InlineData("6.18.44", null)]
    [InlineData("junk", null)]
    public void The_lane_picks_the_protocol_by_kernel_version(string kernel, string? protocol)
    {
        Assert.Equal(protocol, KernelProtocols.For(kernel));
    }
}
