using PrimeProps.Ops;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Scenarios;

/// <summary>
/// The op registry and the scenario file's 'extension' line, without registering anything new:
/// this process decodes the fuzz seeds, and the byte format reads an op modulo the ops declared
/// (examples/MapDumb.Tests registers an op, in a process of its own).
/// </summary>
public class OpRegistryTests
{
    [Fact]
    public void The_built_in_ops_are_registered_in_op_kind_order_by_the_library_itself()
    {
        Assert.Equal(Enum.GetValues<OpKind>(), OpSpec.All.Take(Enum.GetValues<OpKind>().Length).Select(s => s.Kind));
        Assert.All(OpSpec.All, s => Assert.Null(s.Extension));
        Assert.IsType<GemCloseOp>(OpSpec.Of(OpKind.GemClose));
    }

    [Fact]
    public void Registering_a_declaration_again_returns_the_one_registered()
    {
        int before = OpSpec.All.Count;

        Assert.Same(OpSpec.Of(OpKind.GemClose), OpSpec.Register(new GemCloseOp()));
        Assert.Equal(before, OpSpec.All.Count);
    }

    private sealed class Impostor() : OpSpec("gem_close", ValueKind.None, [ValueKind.Fd], "gem_close");

    private sealed class BadlyNamed() : OpSpec("Map-Dumb", ValueKind.None, [ValueKind.Fd], "map_dumb");

    private sealed class DefaultWithoutOptional() : OpSpec("odd_default", ValueKind.None, [ValueKind.Fd], "odd_default", 0, Arg.Number(ValueKind.Flags, 0));

    [Fact]
    public void A_name_taken_by_another_declaration_or_a_malformed_one_is_refused_and_nothing_is_registered()
    {
        int before = OpSpec.All.Count;

        Assert.Contains("already declared by PrimeProps.Ops.GemCloseOp", Assert.Throws<ArgumentException>(() => OpSpec.Register(new Impostor())).Message);
        Assert.Contains("op name 'Map-Dumb'", Assert.Throws<ArgumentException>(() => OpSpec.Register(new BadlyNamed())).Message);
        Assert.Contains("an optional argument needs a default", Assert.Throws<ArgumentException>(() => OpSpec.Register(new DefaultWithoutOptional())).Message);
        Assert.Equal(before, OpSpec.All.Count);
    }

    [Theory]
    [InlineData("primeprops-scenario 1\nextension TilingOps\ndevice d0\n", 2, "extension 'TilingOps' is not loaded, so its ops are unknown: load its assembly with --load PATH/TilingOps.dll")]
    [InlineData("primeprops-scenario 1\ndevice d0\nextension TilingOps\n", 3, "the 'extension NAME' lines must come right after the header")]
    [InlineData("primeprops-scenario 1\nextension\n", 2, "extension NAME")]
    [InlineData("primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  set_tiling A 1\n", 5, "unknown op 'set_tiling' (ops: open, create_dumb,")]
    public void Extension_lines_and_unknown_ops_are_errors_at_their_line(string text, int line, string message)
    {
        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse(text, "ext.scn"));

        Assert.Contains($"ext.scn:{line}:", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_scenario_of_built_in_ops_prints_no_extension_line()
        => Assert.DoesNotContain("extension", ScenarioPrinter.Print(ScenarioParser.Parse(ScenarioParserTests.Sample)));
}
