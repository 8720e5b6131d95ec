using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops shrink FILE --protocol NAME [--out FILE]: any failing scenario file to its minimal form.</summary>
internal static class ShrinkCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "A failing scenario file (.scn)" };
        var protocol = ProtocolOption.Create("Protocol under which the scenario fails");
        protocol.Required = true;
        var output = new Option<string?>("--out") { Description = "Where to write the minimal scenario (default: FILE with .min.scn)" };
        var command = new Command("shrink", "Shrink a failing scenario to a minimal one that fails with the same oracle") { file, protocol, output };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(protocol)!;
            if (names.Length != 1)
                throw new UsageException("shrink takes exactly one --protocol");
            var kernel = ProtocolOption.Resolve(names[0]);
            var path = parsed.GetValue(file)!;
            Scenario scenario;
            try
            {
                scenario = ScenarioParser.ParseFile(path);
            }
            catch (ScenarioParseException e)
            {
                stderr.WriteLine($"primeprops: {e.Message}");
                return Program.BadUsage;
            }
            var run = Executor.Run(scenario, kernel());
            if (run.Violation is null)
            {
                stderr.WriteLine($"primeprops: {path} does not fail under {names[0]}: nothing to shrink");
                return Program.Clean;
            }
            using var interrupt = new Interruption();
            var shrinker = new Shrinker(kernel);
            var shrunk = shrinker.Shrink(run, interrupt.Token);
            DeterminismCheck.Replay(shrunk, kernel);
            var target = parsed.GetValue(output) ?? Path.ChangeExtension(path, ".min.scn");
            ReproFile.WriteAtomically(target, ReproFile.Render(shrunk, $"shrunk from {path}: primeprops shrink {path} --protocol {names[0]}",
                $"replay: primeprops replay {target} --protocol {names[0]}"));
            stdout.WriteLine($"{shrunk.Violation}");
            stdout.WriteLine($"from {ScenarioSize.Of(run)} to {ScenarioSize.Of(shrunk)} in {shrinker.Runs} runs{(interrupt.Token.IsCancellationRequested ? " (interrupted: best so far)" : "")}; written to {target}");
            return interrupt.Token.IsCancellationRequested ? Program.Interrupted : Program.ViolationFound;
        });
        return command;
    }
}
