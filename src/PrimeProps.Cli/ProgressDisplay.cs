using Spectre.Console;

namespace PrimeProps.Cli;

/// <summary>
/// A progress bar with count and rate for long runs, on an interactive terminal only: piped
/// or captured output (CI logs, tests) stays plain text without colour or control codes.
/// </summary>
public static class ProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, giving it a callback for "n of total done"; a bar when interactive.</summary>
    public static T Run<T>(string label, int total, Func<Action<int>, T> work)
    {
        if (!Interactive)
            return work(_ => { });
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: total);
                result = work(done => task.Value = done);
            });
        return result;
    }
}
