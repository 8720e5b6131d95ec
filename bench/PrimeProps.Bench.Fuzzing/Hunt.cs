using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;

namespace PrimeProps.Bench.Fuzzing;

/// <summary>
/// How long a campaign takes to find catalog rows 1-3 on v3.6, from scratch (a fresh folder,
/// the committed seeds of its input format), one job, per seed and FuzzOptions: `primeprops fuzz --time T` is run
/// whole, then each crash input it saved is replayed with the same options to learn its
/// oracle, and a row counts as found at the time AFL++ wrote into the name of its first crash
/// input (AFL++ keeps the first crash of each new path, and a new oracle is a new path).
/// </summary>
internal static partial class Hunt
{
    public static readonly (string Row, string Oracle)[] Rows =
        [("1", "GetOnZero"), ("2", "TwoDmaBufsForOneObject"), ("3", "DanglingPointer")];

    public sealed record Config(FuzzInput Input, int Schedules, InterleavingFeedback Feedback, int Portfolio = 0)
    {
        public string Flags => $"--input {Input.ToString().ToLowerInvariant()} "
            + (Portfolio > 0 ? $"--portfolio {Portfolio}" : $"--schedules {Schedules}") + $" --feedback {Feedback.ToString().ToLowerInvariant()}";
        public FuzzOptions Options => new() { Input = Input, Schedules = Schedules, Portfolio = Portfolio, Feedback = Feedback };
    }

    public static string Table(IReadOnlyList<Config> configs, int seeds, int seconds)
    {
        var table = new StringBuilder();
        table.AppendLine($"| flags | seed | execs/s (AFL++) | {string.Join(" | ", Rows.Select(r => $"row {r.Row} ({r.Oracle}) s"))} |");
        table.AppendLine($"|---|---|---|{string.Concat(Rows.Select(_ => "---|"))}");
        var summary = new StringBuilder();
        foreach (var config in configs)
        {
            var found = Rows.Select(_ => new List<double>()).ToArray();
            for (int seed = 1; seed <= seeds; seed++)
            {
                var (times, rate) = Campaign(config, seed, seconds);
                for (int r = 0; r < Rows.Length; r++)
                    found[r].Add(times.GetValueOrDefault(Rows[r].Oracle, double.PositiveInfinity));
                table.AppendLine($"| `{config.Flags}` | {seed} | {Stats.Format(rate, "#,0")} | {string.Join(" | ", Rows.Select(r => Time(times.GetValueOrDefault(r.Oracle, double.PositiveInfinity), seconds)))} |");
                Console.Error.WriteLine(table.ToString().Split('\n')[^2]);
            }
            summary.AppendLine($"| `{config.Flags}` | {string.Join(" | ", found.Select(f => $"{Time(Stats.Median(f), seconds)} ({f.Count(double.IsFinite)} of {seeds})"))} |");
        }
        return $"Median time to the first crash of each row (not found within {seconds} s: `>{seconds}`), and in how many of {seeds} campaigns it was found:\n\n"
             + $"| flags | {string.Join(" | ", Rows.Select(r => $"row {r.Row} ({r.Oracle})"))} |\n|---|{string.Concat(Rows.Select(_ => "---|"))}\n"
             + summary + "\nEvery campaign:\n\n" + table;
    }

    private static string Time(double seconds, int budget) => double.IsFinite(seconds) ? Stats.Format(seconds, "0.0") : $">{budget}";

    /// <summary>One campaign: the first time (s) each oracle was found, and AFL++'s executions per second.</summary>
    private static (Dictionary<string, double> Times, double Rate) Campaign(Config config, int seed, int seconds)
    {
        var work = Directory.CreateTempSubdirectory("primeprops-hunt-").FullName;
        try
        {
            // PRIMEPROPS_CLI: a copy of a built PrimeProps.Cli.dll, so edits to the checkout during the
            // (long) measurement cannot rebuild the command under it; else ./primeprops.
            var copy = Environment.GetEnvironmentVariable("PRIMEPROPS_CLI");
            var info = copy is null
                ? new ProcessStartInfo(Path.Combine(ResultsFile.RepoRoot(), "primeprops"))
                : new ProcessStartInfo("dotnet") { ArgumentList = { copy } };
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.WorkingDirectory = ResultsFile.RepoRoot();
            foreach (var a in $"fuzz --protocol v3.6 --seed {seed} --time {seconds} {config.Flags}".Split(' '))
                info.ArgumentList.Add(a);
            info.ArgumentList.Add("--out");
            info.ArgumentList.Add(Path.Combine(work, "out"));
            info.ArgumentList.Add("--regressions");
            info.ArgumentList.Add(Path.Combine(work, "regressions"));
            using var p = Process.Start(info)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode > 1)
                throw new InvalidOperationException($"primeprops fuzz exited {p.ExitCode}:\n{stdout}\n{stderr.Result}");

            var target = new FuzzTarget(() => new V3_6(), config.Options);
            var times = new Dictionary<string, double>();
            var crashes = Path.Combine(work, "out", "main", "crashes");
            foreach (var file in Directory.Exists(crashes) ? Directory.GetFiles(crashes, "id:*") : [])
            {
                var oracle = target.Run(File.ReadAllBytes(file)).Violation?.Oracle.ToString();
                var time = CrashTime().Match(Path.GetFileName(file));
                if (oracle is not null && time.Success)
                {
                    double s = long.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0;
                    times[oracle] = Math.Min(s, times.GetValueOrDefault(oracle, double.PositiveInfinity));
                }
            }
            var rate = RateLine().Match(stdout);
            return (times, rate.Success ? double.Parse(rate.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture) : double.NaN);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@",time:(\d+),")]
    private static partial Regex CrashTime();

    [GeneratedRegex(@"AFL\+\+ done: [\d,]+ execs in \d+ s \(([\d,]+)/s\)")]
    private static partial Regex RateLine();
}
