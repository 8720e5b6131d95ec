using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Architecture;

/// <summary>
/// Every part of the framework reads the op declarations (OpSpec and its facets, one file per
/// built-in op in src/PrimeProps/Ops/), not a switch on the op: a new declaration is all a new
/// op needs, in the library or in a user's assembly (examples/MapDumb).
/// </summary>
public class OpTableTests
{
    private static string Source(string relative, [CallerFilePath] string here = "")
        => File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "PrimeProps", relative));

    [Theory]
    [InlineData("Repro/CReproducer.cs")]
    [InlineData("KernelLane/BatchWriter.cs")]
    [InlineData("Tracing/Call.cs")]
    public void These_files_name_no_op_kind(string file)
        => Assert.DoesNotMatch(new Regex(@"OpKind\.[A-Z]"), Source(file));

    /// <summary>No per-op switch outside the declarations: `case OpKind.X` or `OpKind.X =>` anywhere else in the library.</summary>
    [Fact]
    public void No_switch_on_the_op_is_left_outside_the_declarations()
    {
        var root = Path.Combine(RepositoryRoot.Require(), "src");
        var perOp = new Regex(@"case OpKind\.|OpKind\.[A-Za-z]* =>");
        var hits = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}Ops{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(p => perOp.IsMatch(p.line))
            .Select(p => $"{Path.GetRelativePath(root, p.path)}:{p.i + 1}: {p.line.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, "per-op switches outside src/PrimeProps/Ops/:\n" + string.Join("\n", hits));
    }

    [Fact]
    public void Every_op_has_one_row_with_a_c_wrapper_and_a_default_for_each_optional_argument()
    {
        Assert.Equal(Enum.GetValues<OpKind>(), OpSpec.All.Select(s => s.Kind));
        Assert.Equal(OpSpec.All.Count, OpSpec.All.Select(s => s.Name).Distinct().Count());
        Assert.All(OpSpec.All, s => Assert.Equal(s.Optional > 0, s.Default is not null));
        var header = File.ReadAllText(Path.Combine(RepositoryRoot.Require(), "kernel-lane", "prime_ioctls.h"));
        Assert.All(OpSpec.All.Where(s => s.CFunction != "sys_open_card"), s => Assert.Contains($" {s.CFunction}(long", header));
    }
}
