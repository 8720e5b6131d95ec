using System.CommandLine;
using PrimeProps.Protocols;

namespace PrimeProps.Cli.Commands;

internal static class ProtocolsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var load = ProtocolOption.CreateLoad();
        var command = new Command("protocols", "List the built-in protocols, the history variants and those of --load assemblies, one line each on what they model") { load };
        command.SetAction(parsed =>
        {
            var catalog = ProtocolOption.Catalog(parsed, load);
            foreach (var name in ProtocolRegistry.Names)
                stdout.WriteLine($"{name,-12} {ProtocolRegistry.Create(name).Description}");
            // Nameable by --protocol too, but not eras: each undoes one fix of GEM_CHANGE_HANDLE (catalog change-handle-*.scn).
            foreach (var name in ProtocolRegistry.HistoryVariants)
                stdout.WriteLine($"{name} {ProtocolRegistry.Create(name).Description} (history variant)");
            foreach (var p in catalog.Loaded)
                stdout.WriteLine($"{p.Name,-12} {p.Description} (loaded: {p.Type.FullName} from {p.AssemblyPath})");
            return Program.Clean;
        });
        return command;
    }
}
