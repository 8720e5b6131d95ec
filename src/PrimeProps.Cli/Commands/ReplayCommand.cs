using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops replay FILE --protocol NAME: run one scenario file with its schedule and print the trace.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new ScenarioInput("Protocol to run the scenario against");
        var plain = new Option<bool>("--plain") { Description = "One line per step instead of thread columns and the object states" };
        var command = new Command("replay", "Replay a scenario file step by step: the trace in thread columns, the verdict, the kernel objects at the failing step.\nExample:\n  primeprops replay fuzz-corpus/catalog/row1-export-vs-last-fd-close.scn -p v3.6")
        {
            input.File, input.Protocol, input.Load, plain,
        };
        command.SetAction(parsed =>
        {
            if (!input.TryLoad(parsed, "replay", stderr, out var scenario, out var kernel))
                return Program.BadUsage;
            var run = Executor.Run(scenario, kernel());
            stdout.Write(parsed.GetValue(plain) ? TraceFormatter.Format(run) : TraceFormatter.Columns(run));
            return run.Failed ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }
}
