using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops repro FILE --protocol NAME --c OUT.c: a C program over the real ioctls.</summary>
internal static class ReproCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "Scenario file (.scn)" };
        var protocol = ProtocolOption.Create("Protocol whose results the program prints next to the kernel's");
        protocol.Required = true;
        var output = new Option<string>("--c") { Description = "Where to write the C program", Required = true };
        var command = new Command("repro", "Write a self-contained C program that replays a scenario over the real DRM ioctls (gcc -static -pthread -Wall)")
        {
            file, protocol, output,
        };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(protocol)!;
            if (names.Length != 1)
                throw new UsageException("repro takes exactly one --protocol");
            var kernel = ProtocolOption.Resolve(names[0]);
            Scenario scenario;
            try
            {
                scenario = ScenarioParser.ParseFile(parsed.GetValue(file)!);
            }
            catch (ScenarioParseException e)
            {
                stderr.WriteLine($"primeprops: {e.Message}");
                return Program.BadUsage;
            }
            var path = parsed.GetValue(output)!;
            ReproFile.WriteAtomically(path, CReproducer.Emit(Executor.Run(scenario, kernel())));
            stdout.WriteLine($"wrote {path}: gcc -static -pthread -Wall -o repro {path} && sudo ./repro");
            return Program.Clean;
        });
        return command;
    }
}
