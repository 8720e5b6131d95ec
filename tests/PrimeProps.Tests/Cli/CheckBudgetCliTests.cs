using System.Text.Json;
using PrimeProps.Cli;

namespace PrimeProps.Tests.Cli;

/// <summary>check --jobs, --shard, --time and --schedules from the command line.</summary>
public sealed class CheckBudgetCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-budget-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Status, string Out, string Err) Run(params string[] args) => CliTests.Run(args);

    [Fact]
    public void Jobs_1_and_jobs_2_print_the_same_findings_and_summary_on_v3_6()
    {
        var one = Run("check", "-p", "v3.6", "-n", "200", "-s", "12", "--jobs", "1", "--out", Path.Combine(dir, "one"));
        var two = Run("check", "-p", "v3.6", "-n", "200", "-s", "12", "--jobs", "2", "--out", Path.Combine(dir, "two"));

        Assert.Equal(Program.ViolationFound, one.Status);
        Assert.Contains("findings by identity", one.Out);
        Assert.Equal(one.Out.Replace("1 job(s)", "N jobs").Replace(Path.Combine(dir, "one"), "OUT"),
                     two.Out.Replace("2 job(s)", "N jobs").Replace(Path.Combine(dir, "two"), "OUT"));
        var files = Directory.GetFiles(Path.Combine(dir, "one")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(Path.Combine(dir, "two")).Select(Path.GetFileName).Order());
        foreach (var file in files)
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "one", file!)).Replace(Path.Combine(dir, "one"), "OUT"),
                         File.ReadAllText(Path.Combine(dir, "two", file!)).Replace(Path.Combine(dir, "two"), "OUT"));
    }

    private static IEnumerable<(string Identity, int First, int Scenarios, string Repro)> Findings(string json)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return [.. doc.RootElement.GetProperty("protocols")[0].GetProperty("findings").EnumerateArray().Select(f => (
            f.GetProperty("identity").GetString()!, f.GetProperty("scenarioIndex").GetInt32(), f.GetProperty("scenariosFailing").GetInt32(),
            string.Join('\n', File.ReadAllLines(f.GetProperty("repro").GetString()!).Where(l => !l.StartsWith('#')))))];
    }

    [Fact]
    public void The_shards_json_findings_merged_by_identity_equal_the_whole_runs()
    {
        Assert.Equal(Program.ViolationFound, Run("check", "-p", "seed-2012", "-n", "120", "-s", "5", "--out", Path.Combine(dir, "whole"), "--json", Path.Combine(dir, "whole.json")).Status);
        for (int i = 0; i < 2; i++)
        {
            var (status, output, _) = Run("check", "-p", "seed-2012", "-n", "120", "-s", "5", "--shard", $"{i}/2", "--out", Path.Combine(dir, $"shard{i}"), "--json", Path.Combine(dir, $"shard{i}.json"));
            Assert.NotEqual(Program.BadUsage, status);
            Assert.Contains($"in 60 scenarios", output);
            Assert.Contains($"to repeat exactly: primeprops check --protocol seed-2012 --seed 5 --scenarios 120 --shard {i}/2", output);
        }

        var merged = Findings(Path.Combine(dir, "shard0.json")).Concat(Findings(Path.Combine(dir, "shard1.json")))
            .GroupBy(f => f.Identity)
            .Select(g => (g.Key, g.Min(f => f.First), g.Sum(f => f.Scenarios), g.MinBy(f => f.First).Repro))
            .OrderBy(f => f.Item2).ThenBy(f => f.Key, StringComparer.Ordinal);
        var whole = Findings(Path.Combine(dir, "whole.json")).OrderBy(f => f.First).ThenBy(f => f.Identity, StringComparer.Ordinal);
        Assert.Equal(whole, merged);
    }

    [Fact]
    public void A_timed_check_prints_the_command_that_repeats_it()
    {
        var (status, output, _) = Run("check", "-p", "modern", "--time", "0.5s", "-s", "9", "--out", dir);

        // modern has two real kernel windows (docs/upstream-*.md), which half a second may or may not reach.
        Assert.Contains(status, new[] { Program.Clean, Program.ViolationFound });
        var repeat = output.Split('\n').Single(l => l.Contains("to repeat exactly: ")).Split("to repeat exactly: primeprops ")[1].Trim();
        Assert.Matches(@"^check --protocol modern --seed 9 --scenarios [1-9][0-9]*$", repeat);
    }

    [Theory]
    [InlineData("--jobs", "0")]
    [InlineData("--schedules", "0")]
    [InlineData("--shard", "2/2")]
    [InlineData("--shard", "1")]
    [InlineData("--shard", "-1/3")]
    [InlineData("--time", "soon")]
    [InlineData("--time", "0s")]
    [InlineData("--time", "5d")]
    public void Bad_budget_arguments_name_the_option_and_exit_2(string option, string value)
    {
        var (status, output, error) = Run("check", "-p", "v3.6", "-n", "1", option, value, "--out", dir);

        Assert.Equal(Program.BadUsage, status);
        Assert.StartsWith($"primeprops: {option}", error);
        Assert.DoesNotContain("checking", output);
    }
}
