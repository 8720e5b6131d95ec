using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;

namespace PrimeProps.Tests.Model;

/// <summary>Protocol variants that misuse a primitive, each caught at the moment of use.</summary>
public class PrimitiveSafetyTests
{
    private const string CreateAndClose = "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n  gem_close A h\n";

    private sealed class DoublePut : Seed2012
    {
        protected override async KTask drm_gem_object_handle_free(GemObject obj)
        {
            await base.drm_gem_object_handle_free(obj);
            await drm_gem_object_unreference_unlocked(obj); // one put too many
        }
    }

    private sealed class UnlockWithoutLock : Seed2012
    {
        protected override async KTask drm_gem_object_handle_free(GemObject obj) => mutex_unlock(obj.dev.prime_lock);
    }

    private sealed class SpinsForever : Seed2012
    {
        protected override async KTask drm_gem_object_handle_free(GemObject obj)
        {
            while (true)
                await shared("cpu_relax()");
        }
    }

    private sealed class TouchAfterFree : Seed2012
    {
        protected override async KTask i915_gem_free_object(GemObject obj)
        {
            await base.i915_gem_free_object(obj);
            obj.name = 0;
        }
    }

    [Fact]
    public void An_extra_put_frees_the_object_and_the_next_put_is_caught()
    {
        var run = TestScenarios.Run(new DoublePut(), CreateAndClose);
        Assert.Equal(OracleKind.UseAfterFree, run.Violation?.Oracle);
        Assert.Contains("obj#1 is touched after it was freed", run.Violation!.Message);
    }

    [Fact]
    public void Unlocking_a_lock_nobody_holds_is_caught()
    {
        var run = TestScenarios.Run(new UnlockWithoutLock(), CreateAndClose);
        Assert.Equal(OracleKind.UnlockNotOwner, run.Violation?.Oracle);
        Assert.Contains("releases d0->prime_lock, held by nobody", run.Violation!.Message);
    }

    [Fact]
    public void A_thread_that_never_returns_is_reported_as_non_terminating()
    {
        var run = Executor.Run(TestScenarios.Sequential("A = open d0", "h = create_dumb A", "gem_close A h"),
            new SpinsForever(), options: new RunOptions { MaxSteps = 500 });
        Assert.Equal(OracleKind.NonTermination, run.Violation?.Oracle);
        Assert.Equal(501, run.Violation!.Step);
    }

    [Fact]
    public void A_write_to_a_freed_object_is_caught_in_the_function_that_wrote()
    {
        var run = TestScenarios.Run(new TouchAfterFree(), CreateAndClose);
        Assert.Equal(OracleKind.UseAfterFree, run.Violation?.Oracle);
        Assert.StartsWith("i915_gem_free_object", run.Violation!.Function);
    }
}
