using System.Diagnostics;
using System.Security.Cryptography;

namespace PrimeProps.Tests.Cli;

/// <summary>
/// A campaign killed with SIGKILL (a CI timeout, the OOM killer) takes its afl-fuzz and harness
/// processes with it, and the next run on the same folder resumes with every queue entry and
/// crash input of the killed one. Needs afl-fuzz and the SharpFuzz tool (Category=fuzz: the
/// full ./test.sh installs them; --quick leaves these out).
/// </summary>
[Trait("Category", "fuzz")]
public sealed class FuzzKillTests : IDisposable
{
    /// <summary>
    /// The test's hang guard (xunit fails it past this), not a timing assertion: against a
    /// campaign that never starts (the first run publishes and instruments the harness), and
    /// against orphans, which without the fix run for ever (no --time). Nothing in the test
    /// measures how fast anything goes; it only waits for things to happen.
    /// </summary>
    private const int HangGuardMilliseconds = 15 * 60 * 1000;

    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-fuzzkill-").FullName;
    private string Out => Path.Combine(dir, "out");
    private string Main => Path.Combine(Out, "main");

    public void Dispose()
    {
        foreach (var pid in ProcessesOnFolder()) // only if the test failed: leave the machine clean
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        Directory.Delete(dir, recursive: true);
    }

    [Fact(Timeout = HangGuardMilliseconds)]
    public async Task Kill_9_of_the_campaign_leaves_no_process_and_the_rerun_resumes_with_everything_kept()
    {
        // No --time: without the fix, what a kill leaves behind would run for ever.
        using var campaign = Start("setsid", ["dotnet", .. Cli("fuzz", "-p", "v3.6", "--seed", "1", "--out", Out, "--regressions", Path.Combine(dir, "reg"))]);
        var output = Drain(campaign);
        await WaitFor(() => Saved("crashes").Count > 0 && Saved("queue").Count > 0 && File.Exists(Path.Combine(Main, "fuzzer_stats")), campaign, output);
        Assert.NotEmpty(ProcessesOnFolder());
        await AssertASecondCampaignIsRefusedNamingTheLiveInstance();

        // setsid made the CLI a process group leader: this is `kill -9 -PGID` of the whole group.
        Process.Start("kill", ["-KILL", "--", $"-{campaign.Id}"])!.WaitForExit();
        while (ProcessesOnFolder().Count > 0) // an orphan would keep this waiting until the hang guard fails the test
            await Task.Delay(100);
        var queue = Contents(Saved("queue")); // read now: the rerun renames what it resumes
        var crashes = Contents(Saved("crashes"));

        using var rerun = Start("dotnet", Cli("fuzz", "-p", "v3.6", "--seed", "1", "--execs", "2000", "--out", Out, "--regressions", Path.Combine(dir, "reg")));
        var rerunOutput = Drain(rerun);
        await rerun.WaitForExitAsync(); // and the output drained
        string text = rerunOutput.ToString();
        Assert.True(rerun.ExitCode == 1, $"exit status {rerun.ExitCode} (1: found something):\n{text}");
        Assert.Contains("(resuming)", text);
        Assert.DoesNotContain("in use", text);
        // AFL++ renames what it resumes (queue entries re-imported, crashes/ moved to crashes.DATE/): compare contents.
        Assert.Subset(Contents(Saved("queue")), queue);
        Assert.Subset(Contents(Saved("crashes")), crashes);
    }

    /// <summary>A second campaign on a live folder exits 2 naming the afl-fuzz pid that holds it (AFL++ itself would only say "in use").</summary>
    private async Task AssertASecondCampaignIsRefusedNamingTheLiveInstance()
    {
        int aflPid = ProcessesOnFolder().Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0].EndsWith("afl-fuzz", StringComparison.Ordinal));
        using var second = Start("dotnet", Cli("fuzz", "-p", "v3.6", "--execs", "100", "--out", Out));
        var output = Drain(second);
        await second.WaitForExitAsync();
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"is in use by a running campaign: afl-fuzz -M main (pid {aflPid})", output.ToString());
    }

    private static string[] Cli(params string[] args) => [Path.Combine(AppContext.BaseDirectory, "PrimeProps.Cli.dll"), .. args];

    private static Process Start(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static System.Text.StringBuilder Drain(Process p)
    {
        var text = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return text;
    }

    private static async Task WaitFor(Func<bool> ready, Process campaign, System.Text.StringBuilder output)
    {
        while (!ready())
        {
            Assert.False(campaign.HasExited, $"the campaign ended before it saved a crash:\n{output}");
            await Task.Delay(200);
        }
    }

    /// <summary>The main instance's saved inputs of a kind: queue/ (and crashes/, crashes.DATE/).</summary>
    private List<string> Saved(string kind)
        => Directory.Exists(Main)
            ? [.. Directory.GetDirectories(Main, kind + "*").SelectMany(d => Directory.GetFiles(d, "id:*"))]
            : [];

    private static HashSet<string> Contents(IEnumerable<string> files) => [.. files.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];

    /// <summary>Every process (but this one) with the campaign's unique folder on its command line: afl-fuzz (-o) and the harnesses (--campaign).</summary>
    private List<int> ProcessesOnFolder()
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0').Contains(Out))
                    pids.Add(pid);
            }
            catch (IOException) { } // gone meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }
}
