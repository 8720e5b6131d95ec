using MapDumb;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Repro;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Search;

namespace MapDumb.Tests;

/// <summary>
/// The op of examples/MapDumb, declared outside src/, through every part of the framework: the
/// text format, a replay with the reference check, the generator, the byte codec, the C repro
/// and the error a file gets when the op is not loaded.
/// </summary>
public class MapDumbTests
{
    private static readonly OpKind MapDumb;

    // Registers the op before any test parses text that names it (a static constructor, so it
    // runs before the first test of the class, not when the field is first read).
    static MapDumbTests() => MapDumb = MapDumbOp.Id;

    private const string Text = """
        primeprops-scenario 1
        extension MapDumb
        device card0
        setup:
          fd1 = open card0
          h2 = create_dumb fd1
        thread T0:
          map_dumb fd1 h2
          map_dumb fd1 7
          gem_close fd1 h2
        thread T1:
          close fd1
        schedule: T0*40 T1*40
        """;

    [Fact]
    public void The_op_parses_and_prints_back_with_its_extension_line()
    {
        var s = ScenarioParser.Parse(Text);

        Assert.Equal(MapDumb, s.Threads[0].Ops[0].Kind);
        Assert.Equal("map_dumb fd1 h2", ScenarioPrinter.PrintOp(s.Threads[0].Ops[0]));
        var printed = ScenarioPrinter.Print(s);
        Assert.StartsWith("primeprops-scenario 1\nextension MapDumb\ndevice card0\n", printed);
        Assert.Equal(printed, ScenarioPrinter.Print(ScenarioParser.Parse(printed)));
    }

    [Fact]
    public void Replay_reaches_the_kernel_function_and_agrees_with_the_reference()
    {
        var run = Executor.Run(ScenarioParser.Parse(Text), new ModernWithMapDumb());

        Assert.Null(run.Violation);
        var maps = run.History.Where(c => c.Kind == MapDumb).OrderBy(c => c.Op).Select(c => c.Result).ToList();
        Assert.Equal([0L, -Errno.ENOENT], maps);
    }

    [Fact]
    public void A_kernel_without_the_op_answers_einval_as_drm_ioctl_does_for_an_nr_beyond_its_table()
    {
        var run = Executor.Run(ScenarioParser.Parse(Text), new PrimeProps.Protocols.Modern());

        Assert.All(run.History.Where(c => c.Kind == MapDumb), c => Assert.Equal(-Errno.EINVAL, c.Result));
    }

    [Fact]
    public void The_patch_that_forgets_the_put_leaks_the_object_and_the_base_does_not()
    {
        var run = Executor.Run(ScenarioParser.Parse(Text), new MapDumbLeak());

        Assert.NotNull(run.Violation);
        Assert.Equal(OracleKind.Leak, run.Violation!.Oracle);
    }

    [Fact]
    public void The_generator_draws_the_op_for_a_kernel_that_has_it_and_never_for_one_that_does_not()
    {
        var with = new ScenarioGenerator(new GeneratorOptions().ForOps(new ModernWithMapDumb().Ops));
        var without = new ScenarioGenerator(new GeneratorOptions().ForOps(new PrimeProps.Protocols.Modern().Ops));
        var rng = new SplitMix64(7);

        var drawn = Enumerable.Range(0, 200).Select(_ => with.Generate(rng)).ToList();
        Assert.Contains(drawn, s => s.Threads.Any(t => t.Ops.Any(o => o.Kind == MapDumb)));
        Assert.All(drawn, s => Assert.Equal(s.ToText(), ScenarioParser.Parse(s.ToText()).ToText()));
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(_ => without.Generate(rng)), s => s.Threads.Any(t => t.Ops.Any(o => o.Kind == MapDumb)));
    }

    [Fact]
    public void The_byte_codec_round_trips_the_op()
    {
        var s = ScenarioParser.Parse(Text);

        var bytes = ScenarioBytes.Encode(s);

        Assert.Equal(s.ToText(), ScenarioBytes.Decode(bytes).ToText());
    }

    [Fact]
    public void The_c_repro_defines_and_calls_the_wrapper()
    {
        var c = CReproducer.Emit(Executor.Run(ScenarioParser.Parse(Text), new ModernWithMapDumb()));

        Assert.Contains("static inline long map_dumb(long fd, long handle)", c);
        Assert.Contains("map_dumb(v_fd1, v_h2)", c);
        Assert.Contains("map_dumb(v_fd1, 7)", c);
    }
}
