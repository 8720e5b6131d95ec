using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops shrink FILE --protocol NAME [--out FILE]: any failing scenario file to its minimal form.</summary>
internal static class ShrinkCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new ScenarioInput("Protocol under which the scenario fails");
        var output = new Option<string?>("--out") { Description = "Where to write the minimal scenario (default: FILE with .min.scn)" };
        var command = new Command("shrink", "Shrink a failing scenario to a minimal one that fails with the same oracle.\nExample:\n  primeprops shrink findings/v3.6-Leak.scn -p v3.6 --out leak.min.scn")
        {
            input.File, input.Protocol, input.Load, output,
        };
        command.SetAction(parsed =>
        {
            if (!input.TryLoad(parsed, "shrink", stderr, out var scenario, out var kernel))
                return Program.BadUsage;
            var path = parsed.GetValue(input.File)!;
            var name = input.ProtocolName + ProtocolOption.LoadArguments(parsed, input.Load);
            var run = Executor.Run(scenario, kernel());
            if (run.Violation is null)
            {
                stderr.WriteLine($"primeprops: {path} does not fail under {name}: nothing to shrink");
                return Program.Clean;
            }
            using var interrupt = new Interruption();
            var shrinker = new Shrinker(kernel);
            var shrunk = shrinker.Shrink(run, interrupt.Token);
            DeterminismCheck.Replay(shrunk, kernel);
            var target = parsed.GetValue(output) ?? Path.ChangeExtension(path, ".min.scn");
            ReproFile.WriteAtomically(target, ReproFile.Render(shrunk, $"shrunk from {path}: primeprops shrink {path} --protocol {name}",
                $"replay: primeprops replay {target} --protocol {name}"));
            stdout.WriteLine($"{shrunk.Violation}");
            stdout.WriteLine($"from {ScenarioSize.Of(run)} to {ScenarioSize.Of(shrunk)} in {shrinker.Runs} runs{(interrupt.Token.IsCancellationRequested ? " (interrupted: best so far)" : "")}; written to {target}");
            return interrupt.Token.IsCancellationRequested ? Program.Interrupted : Program.ViolationFound;
        });
        return command;
    }
}
