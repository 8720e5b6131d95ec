using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Protocols;

namespace PrimeProps.Cli.Commands;

/// <summary>
/// --protocol NAME and --load PATH.dll: the protocols a verb can name are the built-in ones
/// and those of the assemblies loaded with --load (see <see cref="ProtocolCatalog"/>).
/// </summary>
internal static class ProtocolOption
{
    public static Option<string[]> Create(string description) => new("--protocol", "-p")
    {
        Description = description + $" (built in: {string.Join(", ", ProtocolRegistry.Names)})",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> CreateLoad() => new("--load")
    {
        Description = "Load the ops and protocols of a .NET assembly (public OpSpec and LinuxKernel subclasses with a public parameterless constructor, e.g. a patch under review or a driver's new ioctl); protocols are selectable by their Name; repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The built-in protocols and those of every --load assembly; a usage error names a bad one.</summary>
    public static ProtocolCatalog Catalog(ParseResult parsed, Option<string[]> load)
    {
        try
        {
            return ProtocolCatalog.Load(parsed.GetValue(load) ?? []);
        }
        catch (ProtocolLoadException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>" --load PATH" for each assembly given, to repeat in the commands a verb prints (replay lines).</summary>
    public static string LoadArguments(ParseResult parsed, Option<string[]> load)
        => string.Concat((parsed.GetValue(load) ?? []).Select(p => $" --load {p}"));

    /// <summary>The protocol factory for a name, or a usage error listing the known names.</summary>
    public static Func<LinuxKernel> Resolve(ProtocolCatalog catalog, string name)
    {
        if (catalog.TryCreate(name) is null)
            throw new UsageException($"unknown protocol '{name}' ({catalog.Known})");
        return () => catalog.TryCreate(name)!;
    }

    /// <summary>The built-in protocols only (verbs without --load).</summary>
    public static Func<LinuxKernel> Resolve(string name) => Resolve(ProtocolCatalog.BuiltIn, name);
}
