using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops replay FILE --protocol NAME: run one scenario file with its schedule and print the trace.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "Scenario file (.scn)" };
        var protocol = ProtocolOption.Create("Protocol to run the scenario against");
        protocol.Required = true;
        var plain = new Option<bool>("--plain") { Description = "One line per step instead of thread columns and the object states" };
        var command = new Command("replay", "Replay a scenario file step by step: the trace in thread columns, the verdict, the kernel objects at the failing step")
        {
            file, protocol, plain,
        };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(protocol)!;
            if (names.Length != 1)
                throw new UsageException("replay takes exactly one --protocol");
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
            var run = Executor.Run(scenario, kernel());
            stdout.Write(parsed.GetValue(plain) ? TraceFormatter.Format(run) : TraceFormatter.Columns(run));
            return run.Failed ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }
}
