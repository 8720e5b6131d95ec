using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrimeProps.Tests.Architecture;

/// <summary>
/// The namespaces of the PrimeProps library are layered: Roslyn compiles src/PrimeProps, every
/// type a type declaration names or uses (member access, expression types, type arguments)
/// gives an edge from its namespace to that type's namespace, and the edges must form no cycle
/// and point only down the layer list below.
/// </summary>
public class NamespaceLayeringTests
{
    /// <summary>
    /// The layering, bottom to top, in the one place it is written down. A namespace may use only
    /// namespaces on lower lines; namespaces on the same line do not use each other.
    /// </summary>
    private static readonly string[][] Layers =
    [
        ["PrimeProps", "PrimeProps.Runtime"],          // RepositoryRoot; KTask, Out<T>, SplitMix64
        ["PrimeProps.Kernel"],                         // kernel objects and the violations they raise
        ["PrimeProps.Scenarios"],                      // the scenario model and its text format
        ["PrimeProps.Scenarios.Bytes", "PrimeProps.Scenarios.Typing", "PrimeProps.Tracing"], // byte codec, resource types; Trace, Call, SyscallArgs
        ["PrimeProps.Reference"],                      // the reference model and linearizability
        ["PrimeProps.Oracles"],
        ["PrimeProps.Execution"],                      // Executor and LinuxKernel, which call each other
        ["PrimeProps.Protocols", "PrimeProps.Repro", "PrimeProps.Search.Strategies", "PrimeProps.Shrinking"],
        ["PrimeProps.Search"],
        ["PrimeProps.Fuzzing", "PrimeProps.KernelLane"],
        ["PrimeProps.Ops"],                            // the built-in op declarations: one facet per layer below
    ];

    private static readonly Lazy<Dependencies> Measured = new(Measure);

    [Fact]
    public void The_library_compiles_for_the_measurement()
        => Assert.True(Measured.Value.Errors.Count == 0,
            $"src/PrimeProps does not compile in the layering test, so its edges may be missing:\n{string.Join("\n", Measured.Value.Errors)}");

    [Fact]
    public void The_library_namespaces_form_no_cycle()
    {
        var cycle = FindCycle(Measured.Value.Edges);
        if (cycle is null)
            return;
        var report = new StringBuilder($"namespace cycle: {string.Join(" -> ", cycle)}\n");
        foreach (var (from, to) in cycle.Zip(cycle.Skip(1)))
            report.Append($"  {from} -> {to}: {Measured.Value.Edges[(from, to)]}\n");
        Assert.Fail(report.ToString());
    }

    [Fact]
    public void Every_library_namespace_uses_only_namespaces_on_lower_layers()
    {
        var layerOf = Layers.SelectMany((names, layer) => names.Select(name => (name, layer))).ToDictionary(p => p.name, p => p.layer);
        var unlisted = Measured.Value.Namespaces.Where(name => !layerOf.ContainsKey(name)).ToList();
        Assert.True(unlisted.Count == 0, $"namespaces missing from the layer list in {nameof(NamespaceLayeringTests)}: {string.Join(", ", unlisted)}");
        var stale = layerOf.Keys.Where(name => !Measured.Value.Namespaces.Contains(name)).ToList();
        Assert.True(stale.Count == 0, $"the layer list names namespaces that no longer exist: {string.Join(", ", stale)}");
        var upward = Measured.Value.Edges
            .Where(edge => layerOf[edge.Key.To] >= layerOf[edge.Key.From])
            .Select(edge => $"  {edge.Key.From} (layer {layerOf[edge.Key.From]}) -> {edge.Key.To} (layer {layerOf[edge.Key.To]}): {edge.Value}")
            .ToList();
        Assert.True(upward.Count == 0, $"namespaces using one on their own or a higher layer:\n{string.Join("\n", upward)}");
    }

    /// <summary>The namespace edges, each with its first example "File.cs:line uses Type", and the namespaces that declare types.</summary>
    private sealed record Dependencies(SortedDictionary<(string From, string To), string> Edges, SortedSet<string> Namespaces, IReadOnlyList<string> Errors);

    private static Dependencies Measure()
    {
        var source = Path.Combine(RepositoryRoot.Require(), "src", "PrimeProps");
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(source, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        // The project's ImplicitUsings, which the SDK writes into obj/.
        var implicitUsings = CSharpSyntaxTree.ParseText(string.Concat(
            new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
                .Select(name => $"global using global::{name};\n")), parse);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path)).ToList();
        var compilation = CSharpCompilation.Create("PrimeProps", [.. trees, implicitUsings], FrameworkReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // [GeneratedRegex] partial methods get their bodies from a source generator this compilation does not run.
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
            .Select(d => d.ToString()).ToList();

        var edges = new SortedDictionary<(string, string), string>();
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
                    && model.GetDeclaredSymbol(node) is INamedTypeSymbol declared && IsLibrary(declared.ContainingNamespace))
                    namespaces.Add(declared.ContainingNamespace.ToDisplayString());
                var container = node.Ancestors().FirstOrDefault(a => a is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
                if (container is null || model.GetDeclaredSymbol(container) is not INamedTypeSymbol user || !IsLibrary(user.ContainingNamespace))
                    continue;
                var from = user.ContainingNamespace.ToDisplayString();
                foreach (var used in UsedTypes(model, node))
                {
                    if (!IsLibrary(used.ContainingNamespace))
                        continue;
                    var to = used.ContainingNamespace.ToDisplayString();
                    if (to != from && !edges.ContainsKey((from, to)))
                    {
                        var line = node.GetLocation().GetLineSpan();
                        edges[(from, to)] = $"{Path.GetRelativePath(source, line.Path)}:{line.StartLinePosition.Line + 1} uses {used.ToDisplayString()}";
                    }
                }
            }
        }
        return new Dependencies(edges, namespaces, errors);
    }

    private static bool IsLibrary(INamespaceSymbol? name)
        => name is not null && !name.IsGlobalNamespace
           && (name.ToDisplayString() is var full && (full == "PrimeProps" || full.StartsWith("PrimeProps.", StringComparison.Ordinal)));

    /// <summary>The types a syntax node names, calls into or evaluates to, with their type arguments and element types.</summary>
    private static IEnumerable<INamedTypeSymbol> UsedTypes(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        var symbols = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols.AsEnumerable();
        var typeInfo = model.GetTypeInfo(node);
        var types = symbols.Select(s => s switch
            {
                ITypeSymbol type => type,
                IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
                IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => s.ContainingType,
                _ => null,
            })
            .Append(typeInfo.Type).Append(typeInfo.ConvertedType);
        return types.OfType<ITypeSymbol>().SelectMany(Expand);
    }

    private static IEnumerable<INamedTypeSymbol> Expand(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => Expand(array.ElementType),
        IPointerTypeSymbol pointer => Expand(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.SelectMany(Expand).Prepend(named.OriginalDefinition),
        _ => [],
    };

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == framework)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    /// <summary>One cycle of the graph as a closed walk (first node repeated last), or null when it has none.</summary>
    private static List<string>? FindCycle(SortedDictionary<(string From, string To), string> edges)
    {
        var next = edges.Keys.ToLookup(e => e.From, e => e.To);
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal);
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            int onPath = path.IndexOf(node);
            if (onPath >= 0)
                return [.. path.Skip(onPath), node];
            if (!done.Add(node))
                return null;
            path.Add(node);
            foreach (var to in next[node])
                if (Visit(to) is { } cycle)
                    return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return nodes.Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }
}
