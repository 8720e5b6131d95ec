using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Shrinking;

namespace PrimeProps.Tests.Shrinking;

public class FailureSignatureTests
{
    /// <summary>Two planted bugs of one oracle in two kernel functions: FLINK and dup both WARN.</summary>
    private sealed class TwoWarnings : Modern
    {
        public override string Name => "modern-two-warnings";

        protected internal override async KTask<int> drm_gem_flink_ioctl(DrmDevice dev, DrmFile file_priv, uint handle, Out<long> name)
        {
            WARN_ON(true, "planted: flink");
            return await base.drm_gem_flink_ioctl(dev, file_priv, handle, name);
        }

        protected internal override async KTask<long> sys_dup(long fildes)
        {
            WARN_ON(true, "planted: dup");
            return await base.sys_dup(fildes);
        }
    }

    // The flink warning fires first; without the flink, the dup warning fires, with a smaller
    // scenario. "Same oracle" would accept that candidate and hand back the other bug.
    private static readonly Scenario BothBugs = ScenarioParser.Parse(TestScenarios.Header + """
        setup:
          A = open d0
          B = open d0
          h = create_dumb A
        thread T0:
          n = flink A h
        thread T1:
          d = dup B
        """);

    [Fact]
    public void A_scenario_with_two_bugs_of_one_oracle_shrinks_to_the_bug_it_was_found_with()
    {
        var found = Executor.Run(BothBugs, new TwoWarnings());
        Assert.Equal(OracleKind.KernelWarning, found.Violation?.Oracle);
        Assert.Contains("drm_gem_flink_ioctl", found.Violation!.Function);
        var withoutFlink = Executor.Run(BothBugs with { Threads = [BothBugs.Threads[1]] }, new TwoWarnings());
        Assert.Equal(OracleKind.KernelWarning, withoutFlink.Violation?.Oracle); // the other bug, same oracle
        Assert.Contains("sys_dup", withoutFlink.Violation!.Function);

        var shrunk = new Shrinker(() => new TwoWarnings()).Shrink(found);

        Assert.Equal(FindingIdentity.Of(found.Violation), FindingIdentity.Of(shrunk.Violation!));
        // The planted WARN fires whatever the handle: the argument pass drops the object too.
        Assert.Equal(["A = open d0", "n = flink A 0"],
            shrunk.Scenario.Setup.Concat(shrunk.Scenario.Threads.SelectMany(t => t.Ops)).Select(ScenarioPrinter.PrintOp));
    }

    [Fact]
    public void The_signature_is_the_oracle_and_the_function()
    {
        var signature = FailureSignature.Of(new Violation(OracleKind.KernelWarning, "x", "drm_gem_flink_ioctl", []));
        var sameOracleElsewhere = Executor.Run(BothBugs with { Threads = [BothBugs.Threads[1]] }, new TwoWarnings());

        Assert.Equal(new FindingIdentity(OracleKind.KernelWarning, "drm_gem_flink_ioctl"), signature.Identity);
        Assert.False(signature.Matches(sameOracleElsewhere));
    }
}
