using System.Text;
using PrimeProps.Bench;
using PrimeProps.Bench.Fuzzing;
using PrimeProps.Fuzzing;

// The fuzzing figures: executions per second of the fuzz target in process (and where an
// execution's time goes); with --hunt, how fast AFL++ campaigns find catalog rows 1-3 on v3.6
// under each FuzzOptions, per input format (minutes per campaign: without --hunt, or for the
// format it leaves out, the last measured table is kept).
// Reproduce: dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing [-- --hunt [SECONDS [SEEDS [all|bytes|choices]]]]
const string HuntTitle = "## Time to find catalog rows 1-3 on v3.6 (AFL++ campaigns)";
const string ChoicesHuntTitle = "## Time to find catalog rows 1-3 on v3.6 with --input choices (AFL++ campaigns)";
int hunt = Array.IndexOf(args, "--hunt");
int seconds = hunt >= 0 && args.Length > hunt + 1 ? int.Parse(args[hunt + 1]) : 60;
int seeds = hunt >= 0 && args.Length > hunt + 2 ? int.Parse(args[hunt + 2]) : 5;
// Which campaign tables to rerun (about 10 minutes per flag set): both, or only one input format's; the other is kept.
string formats = hunt >= 0 && args.Length > hunt + 3 ? args[hunt + 3] : "all";
if (formats is not ("all" or "bytes" or "choices"))
{
    Console.Error.WriteLine($"--hunt SECONDS SEEDS [all|bytes|choices]: unknown '{formats}'");
    return 2;
}

var report = new StringBuilder();
report.AppendLine("# Fuzzing: executions per second, and time to find the races");
report.AppendLine();
report.AppendLine("Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing` (the first table; "
    + "`-- --hunt 60 5` also reruns the campaigns of the others, about 2 minutes each; `-- --hunt 60 5 choices` only those of `--input choices`)");
report.AppendLine();
report.AppendLine(Stats.Machine);
report.AppendLine();
report.AppendLine("## Executions per second in process, one core");
report.AppendLine();
report.AppendLine("The fuzz target (`FuzzTarget.Run`: decode the bytes, run the scenario, every oracle; then the extra schedules "
    + "and interleaving features that the flags ask for) on 4,096 inputs: the committed seeds of the protocol and mutants of "
    + "them (1-4 bytes overwritten, inserted or deleted; fixed seed), in a loop on one thread, uninstrumented, without AFL++. "
    + "The byte-codec rows run the seeds of `fuzz-corpus/seeds`, the `--input choices` rows the tapes of `fuzz-corpus/choices`. "
    + "The decode and run rows show where an execution's time goes.");
report.AppendLine();
foreach (var protocol in new[] { "v3.6", "modern" })
    report.AppendLine(Throughput.Table(protocol, Inputs.For(protocol, 4096), Inputs.For(protocol, 4096, "choices")));

Hunt.Config[] byteConfigs =
[
    new(FuzzInput.Bytes, 0, InterleavingFeedback.None),
    new(FuzzInput.Bytes, 4, InterleavingFeedback.None),
    new(FuzzInput.Bytes, 4, InterleavingFeedback.Switches),
    new(FuzzInput.Bytes, 4, InterleavingFeedback.Accesses),
];
Hunt.Config[] choiceConfigs =
[
    new(FuzzInput.Choices, 0, InterleavingFeedback.None),
    new(FuzzInput.Choices, 4, InterleavingFeedback.None),
    new(FuzzInput.Choices, 0, InterleavingFeedback.None, Portfolio: 24),
];
var old = File.Exists(ResultsPath()) ? File.ReadAllText(ResultsPath()) : "";
foreach (var (title, configs, format) in new[] { (HuntTitle, byteConfigs, "bytes"), (ChoicesHuntTitle, choiceConfigs, "choices") })
{
    report.AppendLine(title);
    report.AppendLine();
    if (hunt >= 0 && (formats == "all" || formats == format))
    {
        report.AppendLine($"Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing -- --hunt {seconds} {seeds} {format}`. "
            + $"Each campaign: `primeprops fuzz --protocol v3.6 --seed SEED --time {seconds} FLAGS` into a fresh folder (the committed "
            + "seeds of its input format, one job, out of process), one at a time. Times are AFL++'s, from the names of the crash inputs.");
        report.AppendLine();
        // Its own machine line: a kept section keeps the load it was measured under.
        report.AppendLine(Stats.Machine);
        report.AppendLine();
        report.Append(Hunt.Table(configs, seeds, seconds));
    }
    else
        report.Append(KeptSection(old, title));
    report.AppendLine();
}
ResultsFile.Publish("fuzzing", report.ToString().TrimEnd('\n') + "\n");
return 0;

static string ResultsPath() => Path.Combine(ResultsFile.RepoRoot(), "bench", "results", "fuzzing.md");

/// <summary>A section of the last results (up to the next "## "), when this run does not remeasure it.</summary>
static string KeptSection(string old, string title)
{
    int at = old.IndexOf(title, StringComparison.Ordinal);
    if (at < 0)
        return "Not measured yet: run with `-- --hunt 60 5`.\n";
    var body = old[(at + title.Length)..].TrimStart('\n');
    int next = body.IndexOf("\n## ", StringComparison.Ordinal);
    return (next < 0 ? body : body[..(next + 1)]).TrimEnd('\n') + "\n";
}
