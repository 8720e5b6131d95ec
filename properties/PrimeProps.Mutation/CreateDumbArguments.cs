using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Mutation;

/// <summary>
/// CREATE_DUMB's argument checks (drm_mode_create_dumb): zero sizes (scenario files cannot spell negative ones) and sizes whose
/// 32-bit size computation overflows are EINVAL; the largest ones that fit are not. The
/// generator always creates with the default size, so these are spelled out here.
/// </summary>
public class CreateDumbArguments
{
    [Theory]
    [InlineData("0x1x32", -Errno.EINVAL)]
    [InlineData("1x0x32", -Errno.EINVAL)]
    [InlineData("1x1x0", -Errno.EINVAL)]
    [InlineData("1073741824x1x32", -Errno.EINVAL)]   // cpp 4 > 4294967295 / width
    [InlineData("1073741823x1x32", 1)]                // cpp * width just fits
    [InlineData("65536x65536x8", -Errno.EINVAL)]      // height > 4294967295 / stride
    [InlineData("65536x65535x8", 1)]
    [InlineData("1x1x1", 1)]
    public void Create_dumb_checks_its_sizes(string size, long expected)
    {
        var scenario = ScenarioParser.Parse($"""
            primeprops-scenario 1
            device d0
            setup:
              A = open d0
              h = create_dumb A {size}
            """);

        var run = Executor.Run(scenario, new Modern());

        Assert.Equal(expected, run.ReturnOf(Scenario.SetupThread, 1));
        Assert.Null(run.Violation);
    }
}
