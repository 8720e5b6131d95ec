using PrimeProps.Cli;
using PrimeProps.Cli.Fuzzing;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Tests.Fuzzing;

namespace PrimeProps.Tests.Cli;

/// <summary>
/// The parts of `primeprops fuzz` that run without AFL++: argument checks, the prerequisite
/// messages, and how damaged seed and regression files are met. (The campaign itself needs
/// afl-fuzz: scripts/fuzz-smoke.sh runs it.)
/// </summary>
public sealed class FuzzCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-fuzz-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("unknown protocol 'v9.9'", "fuzz", "-p", "v9.9")]
    [InlineData("exactly one --protocol", "fuzz", "-p", "v3.6", "-p", "modern")]
    [InlineData("--time must be at least 1", "fuzz", "-p", "v3.6", "--time", "0")]
    [InlineData("--execs must be at least 1", "fuzz", "-p", "v3.6", "--execs", "-5")]
    [InlineData("--jobs must be 1 to 64", "fuzz", "-p", "v3.6", "--jobs", "0")]
    [InlineData("--protocol", "fuzz")]
    [InlineData("Argument 'tape' not recognized. Must be one of:\n\t'bytes'\n\t'choices'", "fuzz", "-p", "v3.6", "--input", "tape")]
    [InlineData("--portfolio must be 0 to 1000", "fuzz", "-p", "v3.6", "--portfolio", "-1")]
    public void Bad_arguments_exit_2_before_anything_runs(string message, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(Program.BadUsage, Program.Run(args, stdout, stderr));
        Assert.Contains(message, stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void A_findings_folder_holds_one_input_format()
    {
        InputFormatMark.Claim(dir, FuzzInput.Choices, used: false);
        InputFormatMark.Claim(dir, FuzzInput.Choices, used: true); // a resume in the same format

        var e = Assert.Throws<CampaignException>(() => InputFormatMark.Claim(dir, FuzzInput.Bytes, used: true));
        Assert.Contains("holds a campaign on --input choices inputs: rerun with --input choices, or use another folder for --input bytes", e.Message);
        // A folder AFL++ used before formats were marked holds byte-codec inputs.
        var old = Directory.CreateDirectory(Path.Combine(dir, "old")).FullName;
        Assert.Throws<CampaignException>(() => InputFormatMark.Claim(old, FuzzInput.Choices, used: true));
    }

    [Fact]
    public void Missing_tools_are_named_with_the_command_that_installs_them()
    {
        var missing = Prerequisites.Missing(new RepoLayout(dir), pathVariable: "");

        Assert.Equal(2, missing.Count);
        Assert.Contains("apt-get install afl++", missing[0]);
        Assert.Contains("dotnet-tools.json is missing", missing[1]);
    }

    [Fact]
    public void Unusable_seeds_are_named_in_warnings_and_the_rest_are_used()
    {
        var seeds = Directory.CreateDirectory(Path.Combine(dir, "seeds")).FullName;
        var good = ScenarioBytes.Encode(ScenarioBytes.WithCanonicalNames(TestScenarios.Sequential("A = open d0", "h = create_dumb A")));
        File.WriteAllBytes(Path.Combine(seeds, "good.bin"), good);
        File.WriteAllBytes(Path.Combine(seeds, "empty.bin"), []);
        File.WriteAllBytes(Path.Combine(seeds, "huge.bin"), new byte[InputCorpus.MaxSeedBytes + 1]);
        File.WriteAllBytes(Path.Combine(seeds, "fails.bin"), FuzzTargetTests.Encoded("row8-self-import-reference.scn"));
        File.WriteAllBytes(Path.Combine(seeds, "trailing.bin"), [.. good, 0xFF, 0x17]);
        var warnings = new StringWriter();
        var input = Path.Combine(dir, "input");

        var failing = new List<CrashInput>();

        int used = InputCorpus.Prepare(seeds, input, new FuzzTarget(() => new V3_6()), warnings, failing);

        Assert.Equal(2, used);
        Assert.Equal(["fails.bin"], failing.Select(f => Path.GetFileName(f.Source))); // a finding for triage, not lost
        Assert.Equal(["good.bin", "trailing.bin"], Directory.GetFiles(input).Select(Path.GetFileName).Order());
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("empty.bin: 0 bytes") && l.EndsWith("skipped"));
        Assert.Contains(lines, l => l.Contains("huge.bin: 1048577 bytes"));
        Assert.Contains(lines, l => l.Contains("fails.bin: already fails on v3.6 (Leak)") && l.EndsWith("(triaged with the crashes)"));
        Assert.Contains(lines, l => l.Contains("trailing.bin: not a canonical encoding") && l.EndsWith("used as it is"));
    }

    [Fact]
    public void Without_usable_seeds_the_campaign_starts_from_the_empty_scenario()
    {
        var warnings = new StringWriter();
        var input = Path.Combine(dir, "input");

        Assert.Equal(1, InputCorpus.Prepare(Path.Combine(dir, "no-such-folder"), input, new FuzzTarget(() => new V3_6()), warnings));
        Assert.Equal([0], File.ReadAllBytes(Path.Combine(input, "empty")));
        Assert.Contains("no usable seeds", warnings.ToString());
    }

    [Fact]
    public void A_corrupt_regression_is_named_then_replaced_by_the_new_repro()
    {
        var finding = CrashTriage.Triage(() => new V3_6(), [new("row1", FuzzTargetTests.Encoded("row1-export-vs-last-fd-close.scn"))]).Findings.Single();
        var path = Path.Combine(dir, finding.FileStem + ".scn");
        File.WriteAllText(path, "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_du"); // cut off mid-line
        var warnings = new StringWriter();
        var store = new RegressionStore(dir, "v3.6", warnings);

        store.WarnAboutUnreadable();
        var first = store.Save(finding, "found by: a test");
        var second = store.Save(finding, "found by: a test");

        Assert.Contains($"regression {path} is unreadable (line 5: unknown op 'create_du'", warnings.ToString());
        Assert.Equal((path, RegressionStore.Verdict.Replaced), first);
        Assert.Equal((path, RegressionStore.Verdict.Known), second);
        var text = File.ReadAllText(path);
        Assert.StartsWith("# found by: a test\n# replay:   primeprops replay ", text);
        Assert.Contains("# expect v3.6: GetOnZero\n", text);
        Assert.Equal(ScenarioPrinter.Print(finding.Shrunk.Scenario), ScenarioPrinter.Print(ScenarioParser.ParseFile(path)));
    }
}
