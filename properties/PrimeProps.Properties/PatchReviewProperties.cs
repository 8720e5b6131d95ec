using PatchReview;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Search;

namespace PrimeProps.Properties;

/// <summary>
/// Patch review with FsCheck: <see cref="PrimeCheck.HoldsRelativeTo{TPatch, TBase}"/> on the
/// example patch of examples/PatchReview (GEM_CLOSE frees the handle number before releasing
/// it) against today's kernel, which has non-linearizable windows of its own.
/// </summary>
public class PatchReviewProperties
{
    private const int Budget = 3000;
    private const ulong Seed = 20250715;

    /// <summary>FsCheck finds the patch's race, and its shrunk counterexample is still the patch's alone.</summary>
    [Fact]
    public void The_early_handle_remove_fails_relative_to_modern_and_shrinks_to_a_case_modern_does_not_share()
    {
        var outcome = FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<EarlyHandleRemove>(),
            s => PrimeCheck.HoldsRelativeTo<EarlyHandleRemove, Modern>(s)), Budget, Seed);

        Assert.NotNull(outcome.Shrunk);
        var onPatch = Executor.Run(outcome.Shrunk, new EarlyHandleRemove());
        var onBase = Executor.Run(outcome.Shrunk, new Modern());
        Assert.NotNull(onPatch.Violation);
        Assert.False(BaseComparison.SameWay(onPatch, onBase), $"the shrunk case fails on modern the same way: {onBase.Violation}");
        Assert.Contains("on modern the same scenario and schedule", outcome.Labels);
        Assert.True(outcome.Cases < Budget / 2, $"found after {outcome.Cases} cases");
        Assert.True(outcome.Shrunk.OpCount <= 10, $"shrunk to {outcome.Shrunk.OpCount} ops:\n{ScenarioPrinter.Print(outcome.Shrunk)}");
    }

    /// <summary>
    /// A patch that changes nothing: today's kernel's own non-linearizable window (a catalog
    /// scenario) makes <see cref="PrimeCheck.Holds{TProtocol}"/> fail on it, while it holds
    /// relative to modern there and on generated cases.
    /// </summary>
    [Fact]
    public void A_patch_that_changes_nothing_fails_Holds_but_holds_relative_to_modern()
    {
        var window = SharedWindow<UnchangedModern>();

        Assert.NotNull(FsCheckSearch.Run(Prop.ForAll(window, s => PrimeCheck.Holds<UnchangedModern>(s)), 1, Seed).Shrunk);
        Assert.Null(FsCheckSearch.Run(Prop.ForAll(window, s => PrimeCheck.HoldsRelativeTo<UnchangedModern, Modern>(s)), 1, Seed).Shrunk);
        var generated = FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<UnchangedModern>(),
            s => PrimeCheck.HoldsRelativeTo<UnchangedModern, Modern>(s)), 300, Seed);
        Assert.Null(generated.Shrunk);
    }

    /// <summary>The same window fails on the patch too: shared with the base, so not the patch's.</summary>
    [Fact]
    public void The_modern_window_is_shared_with_the_base()
        => Assert.Null(FsCheckSearch.Run(Prop.ForAll(SharedWindow<EarlyHandleRemove>(), s => PrimeCheck.HoldsRelativeTo<EarlyHandleRemove, Modern>(s)), 1, Seed).Shrunk);

    /// <summary>The catalog's window of today's kernel as the only case, after checking that it fails on the patch as on modern.</summary>
    private static Arbitrary<Scenario> SharedWindow<TPatch>() where TPatch : LinuxKernel, new()
    {
        var window = CorpusFiles.Load("catalog/modern-reimport-returns-a-closing-handle.scn");
        var onPatch = Executor.Run(window, new TPatch());
        Assert.Equal(OracleKind.NotLinearizable, onPatch.Violation?.Oracle);
        Assert.True(new BaseComparison(() => new Modern()).FailsTheSameWay(onPatch));
        return Arb.From(Gen.Constant(window));
    }

    /// <summary>Modern under another name: a patch that changes nothing userspace or the oracles can see.</summary>
    public sealed class UnchangedModern : Modern
    {
        public override string Name => "modern-unchanged";
    }
}
