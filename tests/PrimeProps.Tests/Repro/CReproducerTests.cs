using System.Diagnostics;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Repro;

namespace PrimeProps.Tests.Repro;

/// <summary>The emitted C: compiles without a warning under -Wall, and says what the model expects.</summary>
public sealed class CReproducerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-c-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public static TheoryData<string> CatalogFiles()
        => [.. Directory.GetFiles(Corpus.Dir("catalog"), "*.scn").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void The_repro_of_every_catalog_scenario_compiles_cleanly_with_gcc(string file)
    {
        var source = Path.Combine(dir, "repro.c");
        File.WriteAllText(source, CReproducer.Emit(Executor.Run(Corpus.Load("catalog", file), new V3_6())));

        var gcc = Process.Start(new ProcessStartInfo("gcc", ["-static", "-pthread", "-Wall", "-Wextra", "-o", Path.Combine(dir, "repro"), source])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        string diagnostics = gcc.StandardError.ReadToEnd() + gcc.StandardOutput.ReadToEnd();
        gcc.WaitForExit();

        Assert.Equal("", diagnostics);
        Assert.Equal(0, gcc.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "repro")));
    }

    [Fact]
    public void The_repro_starts_syscalls_in_the_model_order_and_states_the_model_results()
    {
        var run = Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new Modern());

        var c = CReproducer.Emit(run);

        Assert.Contains("model verdict: clean", c);
        Assert.Contains("check(\"T0 op 1: close fd\", 0, sys_close(v_fd))", c);
        Assert.Contains("check(\"T1 op 1: fd2 = handle_to_fd A h\", 4, handle_to_fd(v_A, v_h, 0))", c);
        Assert.True(c.IndexOf("wait_turn(4);", StringComparison.Ordinal) < c.IndexOf("wait_turn(3);", StringComparison.Ordinal),
            "T0's close (turn 4) is written in thread T0 before T1's export (turn 3)");
    }
}
