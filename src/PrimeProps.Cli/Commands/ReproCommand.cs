using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops repro FILE [--protocol NAME] --c OUT.c: a C program over the real ioctls; exits 1, like replay, when the model run fails.</summary>
internal static class ReproCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new ScenarioInput("Protocol whose results the program prints next to the kernel's");
        var output = new Option<string>("--c") { Description = "Where to write the C program", Required = true };
        var command = new Command("repro", "Write a self-contained C program that replays a scenario over the real DRM ioctls (gcc -static -pthread -Wall).\nExample:\n  primeprops repro findings/v3.6-GetOnZero.scn -p v3.6 --c row1.c")
        {
            input.File, input.Protocol, input.Load, output,
        };
        command.SetAction(parsed =>
        {
            if (!input.TryLoad(parsed, "repro", stderr, out var scenario, out var kernel))
                return Program.BadUsage;
            var path = parsed.GetValue(output)!;
            var run = Executor.Run(scenario, kernel());
            ReproFile.WriteAtomically(path, CReproducer.Emit(run));
            stdout.WriteLine($"wrote {path}: gcc -static -pthread -Wall -o repro {path} && sudo ./repro");
            stdout.WriteLine($"model: {run.Violation?.ToString() ?? "clean"}");
            return run.Failed ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }
}
