using PrimeProps.Cli;

namespace MapDumb.Tests;

/// <summary>The example from the command line: --load brings the op and both protocols; a file that needs what is not loaded gets exit 2 and a message naming the place.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mapdumb-").FullName;

    // This process references MapDumb (the other tests use its types): load it here first, so
    // --load finds this copy instead of loading the DLL again as types of their own.
    static CliTests() => _ = MapDumbOp.Id;

    /// <summary>examples/MapDumb/bin/MapDumb.dll, beside this test project's own copy (the project's output path is the same in every configuration).</summary>
    private static string Dll => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "MapDumb", "bin", "MapDumb.dll"));

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = Program.Run(args, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private const string Body = "device card0\nsetup:\n  fd1 = open card0\n  h2 = create_dumb fd1\nthread T0:\n  map_dumb fd1 h2\n";

    [Fact]
    public void Replay_of_a_file_naming_the_extension_runs_the_op_on_the_loaded_protocol()
    {
        var path = File("ok.scn", "primeprops-scenario 1\nextension MapDumb\n" + Body);

        var (status, output, error) = Run("replay", path, "--load", Dll, "-p", "modern-map-dumb");

        Assert.Equal((Program.Clean, ""), (status, error));
        Assert.Contains("= 0  (map_dumb fd1 h2)", output);
        Assert.Contains("clean: no oracle fired", output);
    }

    [Fact]
    public void Check_finds_the_leak_of_the_patch_and_nothing_on_its_base_and_its_finding_replays_and_reports()
    {
        var patch = Run("check", "--load", Dll, "-p", "modern-map-dumb-leak", "-n", "300", "-s", "1", "--out", dir);
        var base_ = Run("check", "--load", Dll, "-p", "modern-map-dumb", "-n", "300", "-s", "1", "--out", dir);

        Assert.Equal(Program.ViolationFound, patch.Status);
        Assert.Contains("FAIL Leak", patch.Out);
        var saved = Directory.GetFiles(dir, "modern-map-dumb-leak-Leak*.scn").Single();
        Assert.Contains("\nextension MapDumb\n", System.IO.File.ReadAllText(saved));
        Assert.Equal(Program.Clean, base_.Status);

        // The saved finding replays, and the HTML report shows the op's call.
        Assert.Equal(Program.ViolationFound, Run("replay", saved, "--load", Dll).Status);
        var html = Path.Combine(dir, "leak.html");
        Assert.Equal(Program.ViolationFound, Run("report", saved, "--load", Dll, "--html", html).Status);
        Assert.Contains("map_dumb fd1 h", System.IO.File.ReadAllText(html));
    }

    [Fact]
    public void An_unknown_op_is_a_usage_error_naming_the_file_line_and_op()
    {
        var path = File("unknown.scn", "primeprops-scenario 1\n" + Body.Replace("map_dumb", "map_dumb_v2"));

        var (status, _, error) = Run("replay", path, "--load", Dll, "-p", "modern-map-dumb");

        Assert.Equal(Program.BadUsage, status);
        Assert.Contains($"{path}:7", error);
        Assert.Contains("unknown op 'map_dumb_v2'", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void An_extension_op_in_a_file_without_its_extension_line_is_a_usage_error_naming_the_extension()
    {
        var path = File("unnamed.scn", "primeprops-scenario 1\n" + Body);

        var (status, _, error) = Run("replay", path, "--load", Dll, "-p", "modern-map-dumb");

        Assert.Equal(Program.BadUsage, status);
        Assert.Contains($"{path}:7", error);
        Assert.Contains("op 'map_dumb' comes from extension 'MapDumb'", error);
    }

    [Fact]
    public void An_extension_that_is_not_loaded_is_a_usage_error_at_its_line()
    {
        var path = File("other.scn", "primeprops-scenario 1\nextension TilingOps\n" + Body);

        var (status, _, error) = Run("replay", path, "--load", Dll, "-p", "modern-map-dumb");

        Assert.Equal(Program.BadUsage, status);
        Assert.Contains($"{path}:2", error);
        Assert.Contains("extension 'TilingOps' is not loaded", error);
    }

    [Fact]
    public void A_bad_assembly_path_is_a_usage_error_naming_it()
    {
        var (status, _, error) = Run("replay", File("x.scn", "primeprops-scenario 1\n" + Body), "--load", "no/such/MapDumb.dll", "-p", "modern");

        Assert.Equal(Program.BadUsage, status);
        Assert.Contains("--load no/such/MapDumb.dll: no such file", error);
    }
}
