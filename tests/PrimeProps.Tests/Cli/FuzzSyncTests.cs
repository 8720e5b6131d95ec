using System.Diagnostics;

namespace PrimeProps.Tests.Cli;

/// <summary>
/// One campaign on two machines, here two findings trees on one: a main and a secondary
/// instance, each with its own --out, meet in a shared --sync folder, and AFL++ on each side
/// takes up what the other found (it names such queue entries "sync:OTHER"). Needs afl-fuzz
/// (Category=fuzz). The campaigns run one after the other, so what each finds is fixed by its
/// seed and budget, not by timing.
/// </summary>
[Trait("Category", "fuzz")]
public sealed class FuzzSyncTests : IDisposable
{
    /// <summary>A guard against a campaign that never ends, not a timing assertion.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-fuzzsync-").FullName;
    private string Shared => Path.Combine(dir, "sync");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_main_and_a_secondary_in_separate_trees_take_up_each_others_queue_through_the_sync_folder()
    {
        string machineA = Path.Combine(dir, "a"), machineB = Path.Combine(dir, "b");

        var secondary = Fuzz(machineB, "s1", seed: 2);
        Assert.Contains("queue entries out, 0 in", secondary);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Shared, "s1", "queue"), "id:*"));

        var main = Fuzz(machineA, "main", seed: 1);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(machineA, "s1", "queue"), "id:*")); // imported from the sync folder
        Assert.Contains(Directory.GetFiles(Path.Combine(machineA, "main", "queue")), f => Path.GetFileName(f).Contains(",sync:s1,"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Shared, "main", "queue"), "id:*"));

        var resumed = Fuzz(machineB, "s1", seed: 2); // the secondary's next session: it syncs from the main
        Assert.Contains("(resuming)", resumed);
        Assert.Contains(Directory.GetFiles(Path.Combine(machineB, "s1", "queue")), f => Path.GetFileName(f).Contains(",sync:main,"));
        Assert.Empty(Directory.GetFiles(Path.Combine(machineB, "main"), "fuzzer_stats")); // the main never ran on machine B
    }

    [Theory]
    [InlineData("--instance names one machine's instance", "--instance", "s1")]
    [InlineData("--sync runs one instance per machine", "--sync", "SYNC", "--jobs", "2")]
    [InlineData("--instance must be 1-32 letters", "--instance", "a/b", "--sync", "SYNC")]
    public void Bad_sync_arguments_exit_2(string message, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] full = ["fuzz", "-p", "v3.6", .. args.Select(a => a == "SYNC" ? Shared : a)];

        Assert.Equal(PrimeProps.Cli.Program.BadUsage, PrimeProps.Cli.Program.Run(full, stdout, stderr));
        Assert.Contains(message, stderr.ToString());
    }

    private string Fuzz(string tree, string instance, int seed)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PrimeProps.Cli.dll"), "fuzz", "-p", "v3.6", "--seed", $"{seed}", "--execs", "4000",
                     "--instance", instance, "--sync", Shared, "--out", tree, "--regressions", Path.Combine(dir, "reg-" + instance) })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var errors = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        bool exited = p.WaitForExit((int)Guard.TotalMilliseconds);
        if (!exited)
            p.Kill(entireProcessTree: true);
        Assert.True(exited, $"the {instance} campaign did not finish");
        string text = output.Result + errors.Result;
        Assert.True(p.ExitCode is 0 or 1, $"exit status {p.ExitCode}:\n{text}");
        return text;
    }
}
