using PrimeProps.Kernel;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Catalog;

/// <summary>What the 3.6 source does that the v3.6 protocol models since it was read again.</summary>
public class V36FixesTests
{
    [Fact]
    public void A_gem_close_racing_a_fresh_create_makes_the_creates_final_put_hit_BUG_ON_on_v3_6()
    {
        var run = TestScenarios.Run("v3.6", Corpus.Load("catalog", "v36-gem-close-vs-create-final-put.scn"));

        var v = Assert.IsType<Violation>(run.Violation);
        Assert.Equal(OracleKind.KernelWarning, v.Oracle);
        Assert.Equal("T0", v.Thread);
        Assert.Contains("BUG_ON(!mutex_is_locked(&dev->struct_mutex))", v.Message);
    }

    [Fact]
    public void Two_drm_file_closes_do_not_interleave_on_v3_6_drm_global_mutex_holds_each_release_through()
    {
        var scenario = PrimeProps.Scenarios.ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              B = open d0
              ha = create_dumb A
              hb = create_dumb B
            thread T0:
              close A
            thread T1:
              close B
            schedule: T0*3 T1*3 T0*3 T1*3 T0*3 T1*3 T0*3 T1*3
            """);

        var run = TestScenarios.Run("v3.6", scenario);

        Assert.Null(run.Violation);
        // Steps inside drm_release (after taking drm_global_mutex) come in one block per thread.
        var releaseSteps = run.Trace.Events
            .Where(e => e.Kind == TraceKind.Step && e.Function is "drm_gem_release" or "drm_gem_object_release_handle" or "drm_gem_remove_prime_handles" or "drm_gem_object_handle_unreference_unlocked" or "drm_gem_object_unreference_unlocked")
            .Select(e => e.Thread).ToList();
        Assert.NotEmpty(releaseSteps);
        int switches = releaseSteps.Zip(releaseSteps.Skip(1)).Count(p => p.First != p.Second);
        Assert.Equal(1, switches);
        Assert.Equal(2, run.Trace.Events.Count(e => e.Kind == TraceKind.Step && e.Action == "mutex_lock(drm_global_mutex)"));
    }
}
