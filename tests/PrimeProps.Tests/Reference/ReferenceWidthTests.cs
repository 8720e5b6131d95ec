using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Execution;

namespace PrimeProps.Tests.Reference;

/// <summary>
/// A scenario's numbers are 64-bit; the kernel reads handles and names as the ioctl structs'
/// __u32 and fds as the syscalls' unsigned int. The kernel model and the reference both see
/// only the low 32 bits.
/// </summary>
public class ReferenceWidthTests
{
    [Theory]
    [InlineData("fd = handle_to_fd A 4294967297", "4")]   // handle 1 in the low half
    [InlineData("fd = handle_to_fd A 4294967298", "-ENOENT")]
    [InlineData("n = flink A 4294967297", "1")]
    [InlineData("gem_close A 4294967297", "0")]
    [InlineData("d = dup 4294967299", "4")]               // fd 3
    [InlineData("g = create_dumb 4294967299", "2")]       // the ioctl's fd 3
    [InlineData("close 4294967299", "0")]
    public void Only_the_low_32_bits_of_a_handle_or_fd_reach_the_kernel(string op, string expected)
    {
        var scenario = TestScenarios.Sequential("A = open d0", "h = create_dumb A", op);

        var run = Executor.Run(scenario, new Modern());

        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        Assert.Equal(expected, Errno.Format(TestScenarios.SetupReturns(run)[2]));
    }

    [Theory]
    [InlineData("x = gem_open B 4294967297", "1")]
    [InlineData("x = fd_to_handle B 4294967300", "1")] // args->fd is a __s32: fd 4
    public void Names_and_the_prime_fd_are_truncated_too(string op, string expected)
    {
        var scenario = TestScenarios.Sequential("A = open d0", "h = create_dumb A", "n = flink A h", "fd = handle_to_fd A h", "B = open d0", op);

        var run = Executor.Run(scenario, new Modern());

        Assert.Null(run.Violation);
        Assert.Equal(expected, Errno.Format(TestScenarios.SetupReturns(run)[5]));
    }
}
