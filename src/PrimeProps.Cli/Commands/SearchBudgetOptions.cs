using System.CommandLine;
using System.Globalization;
using PrimeProps.Search;

namespace PrimeProps.Cli.Commands;

/// <summary>check's options for how much to search and on how many cores: --jobs, --time, --shard, --schedules.</summary>
internal sealed class SearchBudgetOptions
{
    private readonly Option<int> jobs = new("--jobs", "-j")
    {
        Description = "Scenarios run at once on this many cores (default: all); the findings and output are the same for any number",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };
    private readonly Option<string?> time = new("--time")
    {
        Description = "Run scenarios in index order until this much time has passed (30s, 5m, 2h; a plain number is seconds); " +
                      "the summary says how many ran, to repeat the run exactly with --scenarios",
    };
    private readonly Option<string?> shard = new("--shard")
    {
        Description = "Run only part I of N of the scenarios (those whose index modulo N is I), e.g. 0/4 in a CI matrix; " +
                      "the shards together find what one run finds",
    };
    private readonly Option<int> schedules = new("--schedules")
    {
        Description = "Schedules per scenario at most: the fallback, every one-preemption schedule when they fit, then PCT and random samples",
        DefaultValueFactory = _ => new PortfolioOptions().Budget,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(jobs);
        command.Options.Add(time);
        command.Options.Add(shard);
        command.Options.Add(schedules);
    }

    /// <summary>
    /// <paramref name="options"/> with these settings; <paramref name="scenariosGiven"/> says
    /// whether --scenarios was on the command line (with --time alone, the scenarios are unbounded).
    /// </summary>
    public CheckOptions Apply(ParseResult parsed, CheckOptions options, bool scenariosGiven)
    {
        int j = parsed.GetValue(jobs), s = parsed.GetValue(schedules);
        if (j < 1)
            throw new UsageException($"--jobs must be at least 1 (got {j})");
        if (s < 1)
            throw new UsageException($"--schedules must be at least 1 (got {s})");
        var result = options with { Jobs = j, Schedules = options.Schedules with { Budget = s } };
        if (parsed.GetValue(shard) is { } text)
            result = result with { Shard = Shard.Parse(text, out var error) ?? throw new UsageException($"--shard: {error}") };
        if (parsed.GetValue(time) is { } duration)
            result = result with { TimeLimit = ParseDuration(duration), Scenarios = scenariosGiven ? options.Scenarios : int.MaxValue };
        return result;
    }

    /// <summary>"90", "90s", "5m", "2h" as a positive duration.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        var (digits, unit) = t.Length > 0 && char.IsLetter(t[^1]) ? (t[..^1], t[^1]) : (t, 's');
        double seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (seconds == 0 || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) || n <= 0 || n * seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            throw new UsageException($"--time: '{text}' is not a duration such as 30s, 5m or 2h");
        return TimeSpan.FromSeconds(n * seconds);
    }
}
