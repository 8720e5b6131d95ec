using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.KernelLane;
using PrimeProps.Oracles;
using PrimeProps.Protocols;
using PrimeProps.Repro;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Shrinking;

namespace PrimeProps.Tests.ChangeHandle;

/// <summary>
/// gem_change_handle end to end on modern: text, replay with today's semantics, the byte
/// codec, shrinking, the C reproducer, and the lane's refusal (its kernels predate 6.18).
/// </summary>
public class ChangeHandleScenarioTests
{
    private const string Moves = TestScenarios.Header + """
        setup:
          A = open d0
          h = create_dumb A
          fd = handle_to_fd A h
          h5 = gem_change_handle A h 5
          again = fd_to_handle A fd
          same = gem_change_handle A h5 5
          big = gem_change_handle A h5 2147483648
          gone = gem_change_handle A h 7
          g = create_dumb A
          taken = gem_change_handle A h5 1
          gem_close A again

        """;

    [Fact]
    public void It_parses_prints_back_and_names_a_variable_in_its_number_slot_as_an_error()
    {
        var s = ScenarioParser.Parse(Moves);
        Assert.Equal(Moves.Replace("\r\n", "\n").TrimEnd() + "\n", ScenarioPrinter.Print(s).Replace("\r\n", "\n"));
        Assert.Equal(new Arg(ValueKind.Number, null, 5), s.Setup[3][2]);

        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse(TestScenarios.Header + "setup:\n  A = open d0\n  h = create_dumb A\n  gem_change_handle A h h\n"));
        Assert.Contains("6:25: expected an integer, got 'h': this argument of 'gem_change_handle' is a number the caller chooses, not a variable", e.Message);
    }

    [Fact]
    public void On_modern_the_object_and_its_cache_entry_move_and_every_error_is_todays()
    {
        var run = Executor.Run(ScenarioParser.Parse(Moves), new Modern());

        Assert.Null(run.Violation);
        Assert.Equal(ReferenceOutcome.Pass, run.Reference.Outcome);
        // re-import finds the moved cache entry (5); same number: 0 work, 5; above INT_MAX: EINVAL;
        // the old number is gone: ENOENT; handle 1 free again for a create, then taken: ENOSPC (idr_alloc).
        Assert.Equal([3, 1, 4, 5, 5, 5, -Errno.EINVAL, -Errno.ENOENT, 1, -Errno.ENOSPC, 0], TestScenarios.SetupReturns(run));
    }

    [Theory]
    [InlineData("v6.12")]
    [InlineData("v6.1")]
    [InlineData("v3.6")]
    public void Kernels_before_6_18_answer_einval_and_the_reference_agrees(string protocol)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential("A = open d0", "h = create_dumb A", "x = gem_change_handle A h 5", "gem_close A h"));

        Assert.Null(run.Violation);
        Assert.Equal([3, 1, -Errno.EINVAL, 0], TestScenarios.SetupReturns(run));
    }

    [Fact]
    public void It_encodes_to_bytes_and_back()
    {
        var s = ScenarioParser.Parse(Moves);
        var back = ScenarioBytes.Decode(ScenarioBytes.Encode(s));
        Assert.Equal(ScenarioPrinter.Print(s), ScenarioPrinter.Print(back));
        Assert.Contains(back.Setup, o => o.Kind == OpKind.GemChangeHandle && o[2].Raw == 2147483648L);
    }

    [Fact]
    public void The_c_reproducer_makes_the_real_ioctl()
    {
        var run = TestScenarios.Run("modern", ScenarioParser.Parse(Moves));
        var c = CReproducer.Emit(run);

        Assert.Contains("#define DRM_IOCTL_GEM_CHANGE_HANDLE _IOWR('d', 0xd2, struct drm_gem_change_handle)", c);
        Assert.Contains("struct drm_gem_change_handle { uint32_t handle; uint32_t new_handle; };", c);
        Assert.Contains("gem_change_handle(v_A, v_h, 5L)", c);
    }

    [Fact]
    public void A_failing_change_handle_race_shrinks_to_the_catalog_rows_size_keeping_its_oracle()
    {
        var noisy = ScenarioParser.Parse(TestScenarios.Header + """
            setup:
              A = open d0
              B = open d0
              h = create_dumb A
              g = create_dumb B
              n = flink B g
            thread T0:
              d = dup A
              h5 = gem_change_handle A h 5
              x = gem_open B n
            thread T1:
              y = create_dumb B
              gem_close A h
            schedule: T0*10 T1*20
            """);
        var failing = Executor.Run(noisy, new ChangeHandleOldHandleLive());
        Assert.Equal(OracleKind.UseAfterFree, failing.Violation?.Oracle);

        var shrunk = new Shrinker(() => new ChangeHandleOldHandleLive()).Shrink(failing);

        Assert.Equal(OracleKind.UseAfterFree, shrunk.Violation?.Oracle);
        Assert.Equal(4, shrunk.Scenario.Setup.Count + shrunk.Scenario.Threads.Sum(t => t.Ops.Count));
    }

    [Fact]
    public void The_lane_leaves_out_the_catalog_rows_that_use_it_and_says_why()
    {
        var (runnable, skipped) = LaneScenario.FromDirectories([Corpus.Dir("catalog")]);

        Assert.DoesNotContain(runnable, s => s.Label.Contains("change-handle"));
        Assert.Contains("catalog/change-handle-1-lookup-reference-leak.scn: gem_change_handle is newer than the guest kernels (6.1, 6.12), which answer EINVAL", skipped);
        Assert.Equal(7, skipped.Count(l => l.Contains("change-handle")));
    }
}
