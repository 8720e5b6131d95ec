using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Repro;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops report FILE --protocol NAME --html OUT.html: one self-contained page per finding.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new ScenarioInput("Protocol to run the scenario against");
        var output = new Option<string>("--html") { Description = "Where to write the page", Required = true };
        var command = new Command("report", "Write an HTML page: the interleaving as swimlanes, the kernel objects at the failing step, the scenario.\nExample:\n  primeprops report findings/v3.6-GetOnZero.scn -p v3.6 --html row1.html")
        {
            input.File, input.Protocol, input.Load, output,
        };
        command.SetAction(parsed =>
        {
            if (!input.TryLoad(parsed, "report", stderr, out var scenario, out var kernel))
                return Program.BadUsage;
            var run = Executor.Run(scenario, kernel());
            var path = parsed.GetValue(output)!;
            ReproFile.WriteAtomically(path, HtmlReport.Render(run));
            stdout.WriteLine($"wrote {path}: {run.Violation?.ToString() ?? "clean"}");
            return run.Failed ? Program.ViolationFound : Program.Clean;
        });
        return command;
    }
}
