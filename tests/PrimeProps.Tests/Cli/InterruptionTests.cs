using System.Diagnostics;

namespace PrimeProps.Tests.Cli;

/// <summary>SIGINT and SIGTERM during a long check: it stops, reports what it found, exits 130.</summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-int-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_a_long_check_which_prints_its_findings_so_far(string signal)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "PrimeProps.Cli.dll");
        // env resets SIGINT to its default first: a shell starts background jobs with SIGINT
        // ignored, and .NET (like any well-behaved program) keeps an ignored SIGINT ignored.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", cli, "check", "-p", "v3.6", "-n", "100000000", "--out", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var firstLine = process.StandardOutput.ReadLine();
        Assert.StartsWith("checking v3.6: 100000000 scenarios", firstLine);

        var errors = process.StandardError.ReadToEndAsync(); // drained, so a full pipe cannot block the check
        Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();
        var output = process.StandardOutput.ReadToEndAsync();
        bool exited = process.WaitForExit(60_000); // a guard against a hang, not a timing assertion
        if (!exited)
            process.Kill(entireProcessTree: true);

        Assert.True(exited, "the check did not stop after the signal");
        var rest = await output;
        await errors;
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("(interrupted)", rest);
        Assert.Contains("interrupted: the findings above are what was found (and shrunk) so far", rest);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }
}
