using System.Diagnostics;
using PrimeProps.Cli.Fuzzing;

namespace PrimeProps.Tests.Repository;

/// <summary>Runs never dirty the checkout, and the tracked files stand alone.</summary>
public class RepositoryHygieneTests
{
    private static readonly string Root = RepositoryRoot.Require();

    private static (int Status, string Out) Git(params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-C", Root, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return (git.ExitCode, output);
    }

    [Fact]
    public void Every_folder_a_fuzz_campaign_writes_by_default_is_ignored_by_git()
    {
        var repo = new RepoLayout(Root);
        foreach (var path in new[] { repo.Findings("v3.6"), repo.FoundRegressions, repo.HarnessCache })
            Assert.True(Git("check-ignore", "-q", "--no-index", Path.Combine(path, "x.scn")).Status == 0, $"{path} is not git-ignored: a campaign would dirty the checkout");
    }

    [Fact]
    public void No_log_or_campaign_output_is_tracked()
    {
        var (status, files) = Git("ls-files");
        Assert.Equal(0, status);
        var tracked = files.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("README.md", tracked);
        Assert.DoesNotContain(tracked, f => f.EndsWith(".log", StringComparison.Ordinal) || f.Contains("/plot_data") || f.Contains("fuzzer_stats"));
    }

    // Split so that this file does not name them itself.
    private static readonly string[] Outside = ["../" + "shared/", "/work/" + "shared", "the " + "brief"];

    [Fact]
    public void No_tracked_text_points_outside_the_repository()
    {
        var (_, files) = Git("ls-files", "*.cs", "*.md", "*.sh", "*.csproj", "primeprops", "check.sh", "test.sh");
        var offenders = files.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => File.Exists(Path.Combine(Root, f)))
            .Where(f => File.ReadAllText(Path.Combine(Root, f)) is var text
                && Outside.Any(text.Contains))
            .ToList();
        Assert.Empty(offenders);
    }
}
