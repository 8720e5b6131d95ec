using PrimeProps.Execution;

namespace PrimeProps.Protocols;

/// <summary>The built-in protocols by name. Each run gets a fresh instance.</summary>
public static class ProtocolRegistry
{
    private static readonly (string Name, Func<LinuxKernel> Create)[] builtIn =
    [
        ("v3.6", () => new V3_6()),
        ("seed-2012", () => new Seed2012()),
        ("modern", () => new Modern()),
        ("v6.1", () => new V6_1()),
        ("v6.12", () => new V6_12()),
    ];

    public static IEnumerable<string> Names => builtIn.Select(p => p.Name);

    public static LinuxKernel Create(string name)
        => TryCreate(name) ?? throw new ArgumentException($"unknown protocol '{name}' (built in: {string.Join(", ", Names)})");

    public static LinuxKernel? TryCreate(string name)
        => builtIn.FirstOrDefault(p => p.Name == name).Create?.Invoke();
}
