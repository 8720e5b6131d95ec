using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrimeProps.Properties;

/// <summary>
/// The README's C# blocks compile as they stand, against the PrimeProps, PrimeProps.FsCheck,
/// FsCheck and xunit this suite builds with: each block is one source file (its own usings
/// included), an executable when it has top-level statements, else a library.
/// </summary>
public partial class ReadmeSnippets
{
    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    public static TheoryData<int> Blocks() => [.. Enumerable.Range(0, Snippets().Count)];

    private static IReadOnlyList<string> Snippets()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Require(), "README.md")).ReplaceLineEndings("\n");
        return [.. CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public void The_readme_has_csharp_blocks_to_check()
        => Assert.True(Snippets().Count >= 2, "the README's ```csharp blocks were not found: was the fence renamed?");

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_readme_csharp_block_compiles(int index)
    {
        var code = Snippets()[index];
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview));
        bool program = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create($"ReadmeBlock{index}", [tree], References(),
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var errors = compilation.Emit(output).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"README C# block {index + 1} does not compile:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    /// <summary>The framework and every assembly next to this one (PrimeProps, FsCheck, xunit, ...).</summary>
    private static IEnumerable<MetadataReference> References()
        => ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(path => MetadataReference.CreateFromFile(path));
}
