using System.CommandLine;
using PrimeProps.Protocols;

namespace PrimeProps.Cli.Commands;

internal static class ProtocolsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("protocols", "List the built-in protocols, one line each on what they model");
        command.SetAction(_ =>
        {
            foreach (var name in ProtocolRegistry.Names)
                stdout.WriteLine($"{name,-12} {ProtocolRegistry.Create(name).Description}");
            return Program.Clean;
        });
        return command;
    }
}
