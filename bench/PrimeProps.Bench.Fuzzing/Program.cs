using System.Text;
using PrimeProps.Bench;
using PrimeProps.Bench.Fuzzing;
using PrimeProps.Fuzzing;

// The fuzzing figures: executions per second of the fuzz target in process (and where an
// execution's time goes); with --hunt, how fast AFL++ campaigns find catalog rows 1-3 on v3.6
// under each FuzzOptions (minutes per campaign: without --hunt the last measured table is kept).
// Reproduce: dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing [-- --hunt [SECONDS [SEEDS]]]
const string HuntTitle = "## Time to find catalog rows 1-3 on v3.6 (AFL++ campaigns)";
int hunt = Array.IndexOf(args, "--hunt");
int seconds = hunt >= 0 && args.Length > hunt + 1 ? int.Parse(args[hunt + 1]) : 60;
int seeds = hunt >= 0 && args.Length > hunt + 2 ? int.Parse(args[hunt + 2]) : 5;

var report = new StringBuilder();
report.AppendLine("# Fuzzing: executions per second, and time to find the races");
report.AppendLine();
report.AppendLine("Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing` (the first table; "
    + "`-- --hunt 60 5` also reruns the campaigns of the second, about 25 minutes)");
report.AppendLine();
report.AppendLine(Stats.Machine);
report.AppendLine();
report.AppendLine("## Executions per second in process, one core");
report.AppendLine();
report.AppendLine("The fuzz target (`FuzzTarget.Run`: decode the bytes, run the scenario, every oracle; then the extra schedules "
    + "and interleaving features that the flags ask for) on 4,096 inputs: the committed seeds of the protocol and mutants of "
    + "them (1-4 bytes overwritten, inserted or deleted; fixed seed), in a loop on one thread, uninstrumented, without AFL++. "
    + "The first two rows show where an execution's time goes.");
report.AppendLine();
foreach (var protocol in new[] { "v3.6", "modern" })
{
    var inputs = Inputs.For(protocol, 4096);
    Throughput.Current = inputs;
    report.AppendLine(Throughput.Table(protocol, inputs));
}

report.AppendLine(HuntTitle);
report.AppendLine();
if (hunt >= 0)
{
    report.AppendLine($"Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Fuzzing -- --hunt {seconds} {seeds}`. "
        + $"Each campaign: `primeprops fuzz --protocol v3.6 --seed SEED --time {seconds} FLAGS` into a fresh folder (the committed "
        + "seeds, one job, out of process), one at a time. Times are AFL++'s, from the names of the crash inputs.");
    report.AppendLine();
    Hunt.Config[] configs =
    [
        new(0, InterleavingFeedback.None),
        new(4, InterleavingFeedback.None),
        new(4, InterleavingFeedback.Switches),
        new(4, InterleavingFeedback.Accesses),
    ];
    report.Append(Hunt.Table(configs, seeds, seconds));
}
else
    report.Append(KeptHuntSection());
ResultsFile.Publish("fuzzing", report.ToString());

static string KeptHuntSection()
{
    var path = Path.Combine(ResultsFile.RepoRoot(), "bench", "results", "fuzzing.md");
    var old = File.Exists(path) ? File.ReadAllText(path) : "";
    int at = old.IndexOf(HuntTitle, StringComparison.Ordinal);
    return at < 0 ? "Not measured yet: run with `-- --hunt 60 5`.\n" : old[(at + HuntTitle.Length)..].TrimStart('\n');
}
