using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Tests.ChangeHandle;

/// <summary>The generator draws GEM_CHANGE_HANDLE for a kernel that has it, and nothing changes for those that do not.</summary>
public class ChangeHandleGeneratorTests
{
    private static IEnumerable<Op> OpsOf(Scenario s) => s.Setup.Concat(s.Threads.SelectMany(t => t.Ops));

    [Fact]
    public void Check_draws_it_on_modern_and_its_variants_only()
    {
        foreach (var name in ProtocolRegistry.Names.Concat(ProtocolRegistry.HistoryVariants))
        {
            var checker = new Checker(() => ProtocolRegistry.Create(name), new CheckOptions { Seed = 1 });
            int drawn = Enumerable.Range(0, 200).Count(i => OpsOf(checker.ScenarioAt(i)).Any(o => o.Kind == OpKind.GemChangeHandle));
            bool has = ProtocolRegistry.Create(name).Ops.Contains(OpKind.GemChangeHandle);
            Assert.Equal(name is not ("v3.6" or "seed-2012" or "v6.12" or "v6.1"), has);
            if (has)
                Assert.InRange(drawn, 40, 200);
            else
                Assert.Equal(0, drawn);
        }
    }

    [Fact]
    public void The_options_of_a_kernel_with_the_classic_calls_are_the_same_options()
    {
        var options = new GeneratorOptions();

        Assert.Same(options, options.ForOps(new V6_1().Ops));
        Assert.Same(options, options.ForOps(new V3_6().Ops));
        Assert.Equal([.. GeneratorOptions.DefaultOpWeights, (OpKind.GemChangeHandle, 6)], options.ForOps(new Modern().Ops).OpWeights);
        Assert.DoesNotContain(options.Without(OpKind.GemChangeHandle).ForOps(new Modern().Ops).OpWeights, w => w.Op == OpKind.GemChangeHandle);
    }
}
