using System.Globalization;
using System.Text;
using PrimeProps.Bench;
using PrimeProps.Bench.Check;
using PrimeProps.Kernel;
using PrimeProps.Protocols;

// How long the default `primeprops check` takes per built-in protocol with 1 and 2 jobs, and
// what its portfolio of schedules finds that one random schedule per scenario does not.
const string Command = "dotnet run -c Release --project bench/PrimeProps.Bench.Check";
var seeds = Enumerable.Range(1, 10).Select(i => (ulong)(i * 1000)).ToList();
var races = new[] { OracleKind.GetOnZero, OracleKind.DanglingPointer, OracleKind.TwoDmaBufsForOneObject, OracleKind.UseAfterFree };
string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);

var md = new StringBuilder();
md.AppendLine("# Default `check`: time per protocol, and the portfolio of schedules against one random schedule").AppendLine()
  .AppendLine($"Reproduce: `{Command}`").AppendLine()
  .AppendLine(Stats.Machine + " With a load average above the core count, wall-clock figures are upper bounds and noisy; " +
      "the CPU column (user + system time of the process) depends much less on the load.").AppendLine()
  .AppendLine("## Time of `primeprops check -p PROTOCOL --jobs N` (seed 1, 2,000 scenarios, default portfolio of at most "
      + $"{new PrimeProps.Search.PortfolioOptions().Budget} schedules each)").AppendLine()
  .AppendLine("In process, in this order, without process start-up (about 0.5 s more for the command: start-up and compiling it, measured with `check --scenarios 1`); includes shrinking and replaying every finding.").AppendLine()
  .AppendLine("| protocol | jobs | wall s | CPU s | scenarios | schedules | distinct findings |")
  .AppendLine("|---|---|---|---|---|---|---|");
foreach (var protocol in ProtocolRegistry.Names)
    foreach (var jobs in new[] { 1, 2 })
    {
        var t = CheckTime.Measure(protocol, jobs);
        Console.Error.WriteLine($"{protocol} jobs {jobs}: {F(t.WallSeconds)} s");
        md.AppendLine($"| {protocol} | {jobs} | {F(t.WallSeconds)} | {F(t.CpuSeconds)} | {t.Report.Scenarios} | {t.Report.Runs} | {t.Report.Findings.Count} |");
    }

md.AppendLine().AppendLine($"## Race oracles reached, seeds {seeds[0]}, {seeds[1]}, ..., {seeds[^1]} (default scenarios, scan only)").AppendLine()
  .AppendLine("For each protocol and race oracle: on how many of the 10 seeds some identity of that oracle was reached, "
      + "by the portfolio (today's `check`) and by one uniformly random schedule per scenario (`check` before the portfolio). "
      + "No seed or bug here was used to choose the portfolio's budget or order (they were chosen for time and from the "
      + "catalog hunt in hunt.md).").AppendLine()
  .AppendLine("| protocol | oracle | portfolio | one random schedule |")
  .AppendLine("|---|---|---|---|");
foreach (var protocol in new[] { "v3.6", "seed-2012" })
{
    var portfolio = seeds.Select(s => RaceSearch.Portfolio(protocol, s, Environment.ProcessorCount)).ToList();
    var random = seeds.Select(s => RaceSearch.OneRandomSchedule(protocol, s, Environment.ProcessorCount)).ToList();
    Console.Error.WriteLine($"{protocol}: race scan done");
    foreach (var oracle in races)
        md.AppendLine($"| {protocol} | {oracle} | {portfolio.Count(ids => ids.Any(i => i.Oracle == oracle))}/10 | {random.Count(ids => ids.Any(i => i.Oracle == oracle))}/10 |");
    md.AppendLine($"| {protocol} | distinct identities, mean per seed | {F(portfolio.Average(p => p.Count))} | {F(random.Average(p => p.Count))} |");
}
ResultsFile.Publish("check-time", md.ToString());
