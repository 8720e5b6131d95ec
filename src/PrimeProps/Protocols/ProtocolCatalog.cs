using PrimeProps.Execution;

namespace PrimeProps.Protocols;

/// <summary>
/// The protocols a command can name: the built-in ones and those loaded from user assemblies
/// (<see cref="ProtocolLoader"/>). Names are unique: a loaded protocol may not take a built-in
/// name or the name of another loaded one.
/// </summary>
public sealed class ProtocolCatalog
{
    private readonly List<LoadedProtocol> loaded = [];

    public static ProtocolCatalog BuiltIn => new();

    /// <summary>The catalog with the protocols of each assembly (the same file twice counts once).</summary>
    public static ProtocolCatalog Load(IEnumerable<string> assemblyPaths)
    {
        var catalog = new ProtocolCatalog();
        foreach (var path in assemblyPaths.DistinctBy(Path.GetFullPath))
            foreach (var p in ProtocolLoader.Load(path))
                catalog.Add(p, path);
        return catalog;
    }

    public IReadOnlyList<LoadedProtocol> Loaded => loaded;

    public IEnumerable<string> Names => ProtocolRegistry.Names.Concat(loaded.Select(p => p.Name));

    public LinuxKernel? TryCreate(string name)
        => ProtocolRegistry.TryCreate(name) ?? loaded.FirstOrDefault(p => p.Name == name)?.Create();

    /// <summary>What the names are, for an error message: "built in: a, b; loaded: c".</summary>
    public string Known => $"built in: {string.Join(", ", ProtocolRegistry.Names)}"
                           + (loaded.Count > 0 ? $"; loaded: {string.Join(", ", loaded.Select(p => p.Name))}" : "");

    /// <summary>
    /// The built-in protocol a protocol is (or derives from), e.g. "modern" for a patch of
    /// <see cref="Modern"/>; null when it derives from none.
    /// </summary>
    public string? BuiltInAncestor(string name)
    {
        for (var type = TryCreate(name)?.GetType(); type is not null; type = type.BaseType)
            if (ProtocolRegistry.Names.FirstOrDefault(n => ProtocolRegistry.Create(n).GetType() == type) is { } builtIn)
                return builtIn;
        return null;
    }

    /// <summary>Adds a protocol; a <see cref="ProtocolLoadException"/> naming <paramref name="path"/> when its name is taken.</summary>
    public void Add(LoadedProtocol protocol, string path)
    {
        if (ProtocolRegistry.TryCreate(protocol.Name) is { } builtIn)
            throw new ProtocolLoadException($"--load {path}: {protocol.Type.FullName} is named '{protocol.Name}', the name of the built-in {builtIn.GetType().FullName}: give it a name of its own");
        if (loaded.FirstOrDefault(p => p.Name == protocol.Name) is { } other)
            throw new ProtocolLoadException($"--load {path}: {protocol.Type.FullName} and {other.Type.FullName} (from {other.AssemblyPath}) are both named '{protocol.Name}'");
        loaded.Add(protocol);
    }
}
