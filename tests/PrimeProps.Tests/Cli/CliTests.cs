using PrimeProps.Cli;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Cli;

/// <summary>The primeprops command in process: exit status, messages and files.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = Program.Run(args, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    private static string Row1 => Corpus.PathOf("catalog", "row1-export-vs-last-fd-close.scn");

    [Fact]
    public void Replay_of_a_failing_scenario_prints_the_trace_and_exits_1()
    {
        var (status, output, _) = Run("replay", Row1, "--protocol", "v3.6", "--plain");
        Assert.Equal(Program.ViolationFound, status);
        Assert.Contains("   26 T1     userspace: fd2 = handle_to_fd A h", output);
        Assert.Contains("VIOLATION: GetOnZero (UseAfterFree) at step 35, thread T1", output);
    }

    [Fact]
    public void Replay_shows_threads_in_columns_and_the_objects_at_the_failing_step()
    {
        var (status, output, _) = Run("replay", Row1, "--protocol", "v3.6");
        var lines = output.Replace("\r\n", "\n").Split('\n');

        Assert.Equal(Program.ViolationFound, status);
        Assert.Matches(@"^step  setup +T0 +T1 +exit$", lines[0]);
        var t0 = lines.Single(l => l.Contains("userspace: close fd"));
        var t1 = lines.Single(l => l.Contains("userspace: fd2 = handle_to_fd A h"));
        Assert.True(t1.IndexOf("userspace", StringComparison.Ordinal) > t0.IndexOf("userspace", StringComparison.Ordinal), "T1's column is right of T0's");
        Assert.Contains("kernel state at the failing step:", output);
        Assert.Contains("  dmabuf#1 (priv obj#1): file#5 f_count 0, 1 cache entry", output);
        Assert.Contains("  drm_file#1 on d0: handles [1->obj#1], prime cache [(dmabuf#1, 1)]", output);
    }

    [Fact]
    public void Replay_of_a_clean_run_exits_0()
    {
        var (status, output, _) = Run("replay", Row1, "-p", "seed-2012");
        Assert.Equal(Program.Clean, status);
        Assert.Contains("\nclean: no oracle fired\nkernel state at the end:\n", output.Replace("\r\n", "\n"));
        Assert.EndsWith("  fds: 0->stdio#1, 1->stdio#2, 2->stdio#3\n", output.Replace("\r\n", "\n")); // all closed at exit
    }

    [Fact]
    public void A_bad_scenario_file_names_file_line_and_column_and_exits_2()
    {
        var path = Path.Combine(dir, "bad.scn");
        File.WriteAllText(path, "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb B\n");
        var (status, output, error) = Run("replay", path, "-p", "v3.6");
        Assert.Equal(Program.BadUsage, status);
        Assert.Equal("", output);
        Assert.StartsWith($"primeprops: {path}:5:19: ", error);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("shrink")]
    [InlineData("repro", "--c")]
    [InlineData("report", "--html")]
    public void Every_verb_that_reads_a_scenario_names_a_missing_or_bad_file_and_exits_2(string verb, string? outputOption = null)
    {
        // The output goes into dir, where the assertion below looks: nothing may be written for a bad input.
        string[] extra = outputOption is null ? [] : [outputOption, Path.Combine(dir, "out" + (verb == "repro" ? ".c" : ".html"))];
        var missing = Run([verb, Path.Combine(dir, "nope.scn"), "-p", "v3.6", .. extra]);
        Assert.Equal(Program.BadUsage, missing.Status);
        Assert.Equal($"primeprops: cannot read {Path.Combine(dir, "nope.scn")}: no such file\n", missing.Err.ReplaceLineEndings("\n"));

        var bad = Path.Combine(dir, "bad.scn");
        File.WriteAllText(bad, "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d9\n");
        var broken = Run([verb, bad, "-p", "v3.6", .. extra]);
        Assert.Equal(Program.BadUsage, broken.Status);
        Assert.StartsWith($"primeprops: {bad}:4:12: ", broken.Err);
        Assert.Empty(Directory.GetFiles(dir, "out.*"));
    }

    [Theory]
    [InlineData("replay", "x.scn", "--protocol", "v9.9")]
    [InlineData("check", "--protocol", "v9.9")]
    public void An_unknown_protocol_lists_the_known_ones_and_exits_2(params string[] args)
    {
        var (status, _, error) = Run(args);
        Assert.Equal(Program.BadUsage, status);
        Assert.Contains("unknown protocol 'v9.9' (built in: v3.6, seed-2012, modern, v6.1, v6.12)", error);
    }

    [Theory]
    [InlineData("check", "--scenarios", "0")]
    [InlineData("check", "--threads", "9")]
    [InlineData("check", "--seed", "minus-one")]
    [InlineData("check", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("replay")]
    public void Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var (status, _, error) = Run(args);
        Assert.Equal(Program.BadUsage, status);
        Assert.StartsWith("primeprops: ", error);
    }

    [Fact]
    public void Shrink_writes_the_minimal_scenario_that_fails_the_same_way()
    {
        var path = Path.Combine(dir, "noisy.scn");
        File.WriteAllText(path, TestScenarios.Header + "device d1\nsetup:\n  A = open d0\n  B = open d1\n  junk = create_dumb B\n" +
            "  h = create_dumb A\n  fd = handle_to_fd A h\n  n = flink A h\n  close fd\n  dup 0\n");

        var (status, output, _) = Run("shrink", path, "-p", "v3.6");

        Assert.Equal(Program.ViolationFound, status);
        Assert.Contains("from 8 ops, 0 threads, 0 faults, 0 preemptions to 4 ops, 0 threads", output);
        var min = ScenarioParser.ParseFile(Path.Combine(dir, "noisy.min.scn"));
        Assert.Equal(["A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "close fd"], min.Setup.Select(ScenarioPrinter.PrintOp));
        Assert.Equal("StaleCacheEntry", Executor.Run(min, new V3_6()).Violation?.Oracle.ToString());
    }

    [Fact]
    public void Shrink_of_a_passing_scenario_says_there_is_nothing_to_shrink()
    {
        var (status, _, error) = Run("shrink", Row1, "-p", "seed-2012");
        Assert.Equal(Program.Clean, status);
        Assert.Contains("does not fail under seed-2012: nothing to shrink", error);
    }

    [Fact]
    public void Protocols_lists_each_built_in_protocol()
    {
        var (status, output, _) = Run("protocols");
        Assert.Equal(Program.Clean, status);
        foreach (var name in ProtocolRegistry.Names)
            Assert.Contains($"{name} ", output);
        Assert.Contains("modern-change-handle-as-merged modern with GEM_CHANGE_HANDLE as 53096728b891 merged it (6.18): the lookup's object reference leaks (history variant)", output);
    }

    [Fact]
    public void Check_saves_each_finding_as_a_repro_that_replays_to_the_same_oracle()
    {
        var (status, output, _) = Run("check", "--protocol", "v3.6", "--scenarios", "300", "--seed", "1", "--out", dir);

        Assert.Equal(Program.ViolationFound, status);
        Assert.Contains("v3.6: ", output);
        var files = Directory.GetFiles(dir, "v3.6-*.scn");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var stem = Path.GetFileNameWithoutExtension(file)["v3.6-".Length..]; // ORACLE-FUNCTION: named by the finding's identity
            var replay = Executor.Run(ScenarioParser.ParseFile(file), new V3_6());
            Assert.Equal(stem, Oracles.FindingIdentity.Of(replay.Violation!).FileStem);
            Assert.Equal(replay.Violation!.Oracle.ToString(), Corpus.Expectations(file)["v3.6"]);
        }
        Assert.True(files.Length > files.Select(f => Path.GetFileName(f).Split('-')[1]).Distinct().Count(), "two bugs of one oracle get two files");
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Check_writes_a_json_summary_of_each_protocol()
    {
        var json = Path.Combine(dir, "summary.json");
        var (status, _, _) = Run("check", "-p", "v3.6", "-p", "v6.12", "-n", "200", "--out", dir, "--json", json);

        Assert.Equal(Program.ViolationFound, status);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var protocols = doc.RootElement.GetProperty("protocols");
        Assert.Equal(["v3.6", "v6.12"], protocols.EnumerateArray().Select(p => p.GetProperty("protocol").GetString()));
        // v6.12 fails only in its own two-stage GEM_CLOSE windows (README, "Findings on a current protocol").
        Assert.All(protocols[1].GetProperty("findings").EnumerateArray(), f => Assert.Equal("NotLinearizable", f.GetProperty("identity").GetString()));
        var first = protocols[0].GetProperty("findings")[0];
        Assert.True(File.Exists(first.GetProperty("repro").GetString()));
        Assert.Equal(200, protocols[0].GetProperty("scenarios").GetInt32());
    }

    [Fact]
    public void Check_with_the_same_seed_prints_the_same_report()
    {
        var first = Run("check", "-p", "seed-2012", "-n", "150", "-s", "5", "--out", dir);
        var second = Run("check", "-p", "seed-2012", "-n", "150", "-s", "5", "--out", dir);
        Assert.Equal(first.Out, second.Out);
    }
}
