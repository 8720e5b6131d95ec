using PrimeProps.Cli;

namespace PrimeProps.Tests.Cli;

/// <summary>
/// Patch review from the command line: the example patch (examples/PatchReview, built before
/// these tests) loaded with --load and checked against modern with --base, and the errors of
/// a bad --load or --protocol.
/// </summary>
public sealed class PatchReviewCliTests : IDisposable
{
    private const string Patch = "modern-early-handle-remove";
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-patch-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>examples/PatchReview/bin/PatchReview.dll (the project's output path is the same in every configuration).</summary>
    public static string PatchDll => Path.Combine(RepositoryRoot.Require(), "examples", "PatchReview", "bin", "PatchReview.dll");

    private static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = Program.Run(args, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Check_finds_the_patchs_race_relative_to_modern_and_its_repro_replays_on_the_patch_only()
    {
        var (status, output, error) = Run("check", "--load", PatchDll, "-p", Patch, "--base", "modern", "-n", "2000", "-s", "1", "--out", dir);

        Assert.Equal(Program.ViolationFound, status);
        Assert.Equal("", error);
        Assert.Contains($"{Patch}: 2 distinct failure(s) not shared with modern in 2000 scenarios", output);
        // modern's own two-stage GEM_CLOSE windows are dropped as shared: not the patch's doing.
        Assert.Contains("  base: 6 failure(s) dropped as shared with modern: NotLinearizable 6x", output);
        Assert.Contains("FAIL NotLinearizable (Consistency), scenario 134,", output);
        Assert.Contains("FAIL StaleCacheEntry in after fput (Consistency), scenario 88,", output);
        Assert.Contains("to 8 ops, 2 threads, 0 faults, 1 preemptions (the smallest shrink of its first failing scenarios: scenario 652's", output);
        Assert.Contains("    on modern, the same scenario and schedule: clean; no neighbouring schedule fails that way\n", output.Replace("\r\n", "\n"));
        // GEM_CLOSE has freed handle 1 but not yet dropped its handle count: GEM_OPEN of the
        // object's name, still published, gets handle 1 back, which no order of calls explains.
        Assert.Contains("no pending call fits: T1 op 1: gem_open(3, 1) = 1 (reference: -ENOENT)", output);
        var repro = Path.Combine(dir, $"{Patch}-NotLinearizable.scn");
        Assert.Contains($"# replay:   primeprops replay {repro} --load {PatchDll} --protocol {Patch}", File.ReadAllText(repro));

        Assert.Equal(Program.ViolationFound, Run("replay", repro, "--load", PatchDll, "-p", Patch).Status);
        Assert.Equal(Program.Clean, Run("replay", repro, "-p", "modern").Status);
    }

    [Fact]
    public void Failures_shared_with_the_base_are_dropped_and_counted_per_identity()
    {
        var alone = Run("check", "-p", "v3.6", "-n", "500", "-s", "1", "--out", dir);
        var relative = Run("check", "-p", "v3.6", "--base", "seed-2012", "-n", "500", "-s", "1", "--out", dir);

        Assert.Contains("FAIL Leak in do_exit (Leak), scenario 0, 127 scenario(s) in all:", alone.Out);
        Assert.Contains("v3.6: 17 distinct failure(s) not shared with seed-2012 in 500 scenarios", relative.Out);
        Assert.Contains("  base: 150 failure(s) dropped as shared with seed-2012: Leak in do_exit 126x, StaleCacheEntry in after fput 20x, UseAfterFree in kref_get 2x, HandleCountMismatch in after fput 1x, UseAfterFree in after fput 1x", relative.Out);
        // Scenario 0 leaks on seed-2012 the same way; the first leak of v3.6 alone is a later one.
        Assert.Contains("FAIL Leak in do_exit (Leak), scenario 473, 1 scenario(s) in all:", relative.Out);
        Assert.DoesNotContain("FAIL Leak in do_exit (Leak), scenario 0,", relative.Out);
    }

    [Fact]
    public void A_loaded_protocol_can_be_the_base_and_then_shares_every_failure()
    {
        var (status, output, _) = Run("check", "--load", PatchDll, "-p", Patch, "--base", Patch, "-n", "2000", "-s", "1", "--out", dir);

        Assert.Equal(Program.Clean, status);
        Assert.Contains($"{Patch}: clean not shared with {Patch} in 2000 scenarios", output);
        Assert.Matches($@"  base: \d+ failure\(s\) dropped as shared with {Patch}: NotLinearizable \d+x", output);
    }

    [Fact]
    public void Every_verb_that_reads_a_scenario_takes_load()
    {
        var scenario = Corpus.PathOf("catalog", "modern-reimport-returns-a-closing-handle.scn");
        string c = Path.Combine(dir, "r.c"), html = Path.Combine(dir, "r.html"), min = Path.Combine(dir, "r.min.scn");

        Assert.Equal(Program.ViolationFound, Run("replay", scenario, "--load", PatchDll, "-p", Patch).Status);
        Assert.Equal(Program.ViolationFound, Run("repro", scenario, "--load", PatchDll, "-p", Patch, "--c", c).Status);
        Assert.Equal(Program.ViolationFound, Run("report", scenario, "--load", PatchDll, "-p", Patch, "--html", html).Status);
        Assert.Equal(Program.ViolationFound, Run("shrink", scenario, "--load", PatchDll, "-p", Patch, "--out", min).Status);
        Assert.Contains($"# replay: primeprops replay {min} --protocol {Patch} --load {PatchDll}", File.ReadAllText(min));
        Assert.Contains("int main", File.ReadAllText(c));
        Assert.True(new FileInfo(html).Length > 0);
    }

    [Fact]
    public void Protocols_lists_the_loaded_ones_with_their_type_and_assembly()
    {
        var (status, output, _) = Run("protocols", "--load", PatchDll, "--load", PatchDll);

        Assert.Equal(Program.Clean, status);
        Assert.Contains("modern ", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith(Patch + " "));
        Assert.Contains($"(loaded: PatchReview.EarlyHandleRemove from {PatchDll})", output);
    }

    [Fact]
    public void A_bad_load_or_protocol_is_named_with_exit_2()
    {
        var missing = Path.Combine(dir, "nope.dll");
        var text = Path.Combine(dir, "text.dll");
        File.WriteAllText(text, "not an assembly\n");
        var copy = Directory.CreateDirectory(Path.Combine(dir, "copy")).FullName;
        File.Copy(PatchDll, Path.Combine(copy, "PatchReview.dll"));
        var noProtocols = typeof(Program).Assembly.Location;

        AssertUsage($"--load {missing}: no such file", "check", "--load", missing, "-p", Patch);
        AssertUsage($"--load {text}: not a .NET assembly", "replay", Corpus.PathOf("catalog", "row1-export-vs-last-fd-close.scn"), "--load", text, "-p", Patch);
        AssertUsage($"--load {noProtocols}: no protocol or op in it", "protocols", "--load", noProtocols);
        AssertUsage($"are both named '{Patch}'", "check", "--load", PatchDll, "--load", Path.Combine(copy, "PatchReview.dll"), "-p", Patch);
        AssertUsage($"unknown protocol 'modern-typo' (built in: v3.6, seed-2012, modern, v6.1, v6.12; loaded: {Patch})", "check", "--load", PatchDll, "-p", "modern-typo");
        AssertUsage($"unknown protocol '{Patch}' (built in: v3.6, seed-2012, modern, v6.1, v6.12)", "check", "-p", Patch);
        AssertUsage("unknown protocol 'nobase'", "check", "--load", PatchDll, "-p", Patch, "--base", "nobase");
        AssertUsage($"--load {missing}: no such file", "fuzz", "--load", missing, "-p", Patch);
        AssertUsage("unknown protocol 'nobase'", "fuzz", "--load", PatchDll, "-p", Patch, "--base", "nobase");
    }

    private static void AssertUsage(string message, params string[] args)
    {
        var (status, output, error) = Run(args);
        Assert.Equal(Program.BadUsage, status);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.Equal("", output);
    }
}
