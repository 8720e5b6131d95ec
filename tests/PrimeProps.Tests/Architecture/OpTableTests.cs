using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Architecture;

/// <summary>
/// The trace, the C reproducer and the lane batch read the op table (OpSpec), not a switch on
/// the op: a new row there is all they need. (Kernel dispatch, reference semantics, typing and
/// generator picks still switch on the op: issue 13, not done yet.)
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
