using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Repro;

/// <summary>What a user reads when a property fails: whole scenarios and verdicts without placeholders.</summary>
public class ReadableOutputTests
{
    [Fact]
    public void A_scenario_prints_as_its_file_text_so_FsCheck_shows_it_whole()
    {
        var row1 = Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn");

        Assert.Equal(ScenarioPrinter.Print(row1), row1.ToString());
        Assert.Contains("thread T1:\n  fd2 = handle_to_fd A h\n", row1.ToString());
        Assert.DoesNotContain("System.Collections", row1.ToString());
    }

    [Fact]
    public void A_violation_of_the_whole_history_says_after_the_run_not_step_minus_one()
    {
        var run = Executor.Run(Corpus.Load("catalog", "modern-reimport-returns-a-closing-handle.scn"), new Modern());

        var text = run.Violation!.ToString();
        Assert.StartsWith("NotLinearizable (Consistency) after the run: no order of the ", text);
        Assert.DoesNotContain("step -1", text);
        Assert.DoesNotContain("in :", text);
    }

    [Fact]
    public void The_protocol_line_comes_right_after_the_header_and_only_once()
    {
        Assert.Equal("v3.6", ScenarioParser.ParseWithProtocol("primeprops-scenario 1\nprotocol v3.6\ndevice d0\n").Protocol);
        Assert.Null(ScenarioParser.ParseWithProtocol("primeprops-scenario 1\ndevice d0\n").Protocol);
        var late = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse("primeprops-scenario 1\ndevice d0\nprotocol v3.6\n"));
        Assert.Equal("<text>:3:1: the 'protocol NAME' line must come right after the header", late.Message);
        var twice = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse("primeprops-scenario 1\nprotocol v3.6\nprotocol modern\n"));
        Assert.Equal("<text>:3:1: duplicate 'protocol' line", twice.Message);
    }
}
