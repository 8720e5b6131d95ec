using PrimeProps.Cli;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Cli;

/// <summary>
/// One exit-status table for every verb (0 clean, 1 violation, 2 usage or bad input, 3
/// framework bug, 130 interrupted: InterruptionTests), the 'protocol' line saved scenarios
/// carry, and write errors: exit 2, "cannot write PATH: reason", no temporary file left.
/// </summary>
public sealed class ExitStatusTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-exit-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = Program.Run(args, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string Row1 => Corpus.PathOf("catalog", "row1-export-vs-last-fd-close.scn");

    private string Out(string name) => Path.Combine(dir, name);

    [Theory]
    [InlineData("replay", "v3.6", Program.ViolationFound)]
    [InlineData("replay", "seed-2012", Program.Clean)]
    [InlineData("repro", "v3.6", Program.ViolationFound)]
    [InlineData("repro", "seed-2012", Program.Clean)]
    [InlineData("report", "v3.6", Program.ViolationFound)]
    [InlineData("report", "seed-2012", Program.Clean)]
    [InlineData("shrink", "v3.6", Program.ViolationFound)]
    [InlineData("shrink", "seed-2012", Program.Clean)]
    public void Each_verb_on_a_scenario_exits_1_when_it_fails_and_0_when_it_runs_clean(string verb, string protocol, int expected)
    {
        string[] output = verb switch
        {
            "repro" => ["--c", Out("row1.c")],
            "report" => ["--html", Out("row1.html")],
            "shrink" => ["--out", Out("row1.min.scn")],
            _ => [],
        };
        Assert.Equal(expected, Run([verb, Row1, "--protocol", protocol, .. output]).Status);
    }

    [Theory]
    [InlineData(Program.ViolationFound, "check", "-p", "v3.6", "-n", "300")]
    [InlineData(Program.Clean, "check", "-p", "modern", "-n", "20")]
    [InlineData(Program.Clean, "protocols")]
    [InlineData(Program.BadUsage, "kernel", "--cache", "/nonexistent-lane")]
    [InlineData(Program.BadUsage, "kernel", "--cache", "")]
    [InlineData(Program.BadUsage, "kernel", "--concurrent", "--record", "/nonexistent-lane/6.1.txt")]
    [InlineData(Program.BadUsage, "fuzz", "-p", "v3.6", "--jobs", "0")]
    [InlineData(Program.BadUsage, "fuzz", "-p", "v3.6", "--input", "tape")]
    [InlineData(Program.BadUsage, "fuzz-seeds", "-p", "v9.9")]
    [InlineData(Program.BadUsage)]
    public void The_other_verbs_follow_the_same_table(int expected, params string[] args)
    {
        string[] output = args.FirstOrDefault() == "check" ? ["--out", dir] : [];
        Assert.Equal(expected, Run([.. args, .. output]).Status);
    }

    [Fact]
    public void A_saved_scenario_names_its_protocol_so_replay_needs_no_protocol_option()
    {
        var min = Out("row1.min.scn");
        Assert.Equal(Program.ViolationFound, Run("shrink", Row1, "-p", "v3.6", "--out", min).Status);

        Assert.Equal("v3.6", ScenarioParser.ParseFileWithProtocol(min).Protocol);
        Assert.Contains("\nprimeprops-scenario 1\nprotocol v3.6\ndevice d0\n", File.ReadAllText(min));
        var replay = Run("replay", min, "--plain");
        Assert.Equal(Program.ViolationFound, replay.Status);
        Assert.Contains("VIOLATION: GetOnZero", replay.Out);
        Assert.Equal(Program.Clean, Run("replay", min, "--protocol", "seed-2012").Status); // the option wins over the file
    }

    [Fact]
    public void A_file_without_a_protocol_line_needs_the_option()
    {
        var (status, output, error) = Run("replay", Row1);
        Assert.Equal(Program.BadUsage, status);
        Assert.Equal("", output);
        Assert.Equal($"primeprops: {Row1} has no 'protocol NAME' line: give --protocol (built in: v3.6, seed-2012, modern, v6.1, v6.12)\n", error);
    }

    private static List<(string[] Args, string Message)> BadOutputs(string under)
    {
        string file = Path.Combine(under, "a-file"), missing = Path.Combine(under, "no", "such", "dir");
        var row1 = Corpus.PathOf("catalog", "row1-export-vs-last-fd-close.scn");
        return
        [
            (["repro", row1, "-p", "v3.6", "--c", Path.Combine(missing, "x.c")], $"cannot write {Path.Combine(missing, "x.c")}: no such directory"),
            (["repro", row1, "-p", "v3.6", "--c", under], $"cannot write {under}: is a directory"),
            (["report", row1, "-p", "v3.6", "--html", Path.Combine(file, "x.html")], $"cannot write {Path.Combine(file, "x.html")}: {file} is a file, not a folder"),
            (["shrink", row1, "-p", "v3.6", "--out", Path.Combine(missing, "x.scn")], $"cannot write {Path.Combine(missing, "x.scn")}: no such directory"),
            (["check", "-p", "v3.6", "-n", "50", "--out", file], $"cannot write {file}: is a file, not a folder"),
            (["check", "-p", "v3.6", "-n", "5", "--out", under, "--json", Path.Combine(missing, "x.json")], $"cannot write {Path.Combine(missing, "x.json")}: no such directory"),
            (["fuzz", "-p", "v3.6", "--out", Path.Combine(file, "f")], $"cannot write {Path.Combine(file, "f")}: {file} is a file, not a folder"),
            (["fuzz", "-p", "v3.6", "--out", under, "--regressions", file], $"cannot write {file}: is a file, not a folder"),
        ];
    }

    [Fact]
    public void Every_write_error_exits_2_naming_the_path_and_leaves_no_temporary_file()
    {
        File.WriteAllText(Path.Combine(dir, "a-file"), "");
        foreach (var (args, message) in BadOutputs(dir))
        {
            var (status, _, error) = Run(args);
            Assert.True(status == Program.BadUsage, $"{string.Join(' ', args)}: exit {status}, {error}");
            Assert.Equal($"primeprops: {message}\n", error);
        }
        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }
}
