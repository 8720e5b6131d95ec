using System.CommandLine;
using PrimeProps.Protocols;

namespace PrimeProps.Cli.Commands;

internal static class ProtocolOption
{
    public static Option<string[]> Create(string description) => new("--protocol", "-p")
    {
        Description = description + $" (built in: {string.Join(", ", ProtocolRegistry.Names)})",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The protocol factory for a name, or a usage error listing the known names.</summary>
    public static Func<LinuxKernel> Resolve(string name)
    {
        if (ProtocolRegistry.TryCreate(name) is null)
            throw new UsageException($"unknown protocol '{name}' (built in: {string.Join(", ", ProtocolRegistry.Names)})");
        return () => ProtocolRegistry.Create(name);
    }
}
