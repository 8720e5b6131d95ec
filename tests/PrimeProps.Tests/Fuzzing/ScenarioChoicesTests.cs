using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Repro;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The choice-sequence input format: the typed generator reads the fuzzer's bytes as its draws.</summary>
public class ScenarioChoicesTests
{
    private static readonly ScenarioChoices V36 = new(new V3_6().Ops);
    private static readonly FuzzOptions Choices = new() { Input = FuzzInput.Choices };

    [Fact]
    public void An_exhausted_tape_is_the_minimal_scenario()
    {
        const string Minimal = "primeprops-scenario 1\ndevice d0\nsetup:\n  fd1 = open d0\n  h2 = create_dumb fd1\n"
                             + "thread T0:\n  h3 = create_dumb fd1\nthread T1:\n  h4 = create_dumb fd1\nschedule: T0\n";

        Assert.Equal(Minimal, ScenarioPrinter.Print(V36.Decode([])));
        Assert.Equal(Minimal, ScenarioPrinter.Print(V36.Decode([0, 0, 0])));
    }

    [Fact]
    public void A_tape_decodes_to_a_specific_scenario()
    {
        // Pins how bytes are read: a change to the tape's widths or to the generator's draw order
        // changes this scenario, and with it every committed tape (fuzz-corpus/choices).
        byte[] tape = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 99, 99, 99, 99, 99, 99, 99, 99];

        Assert.Equal("primeprops-scenario 1\ndevice d0\ndevice d1\nsetup:\n  fd1 = open d0\n  fd2 = open d0\n  fd3 = open d1\n  fd4 = open d1\n"
                   + "  h5 = create_dumb fd1\nthread T0:\n  h6 = create_dumb fd1\nthread T1:\n  h7 = create_dumb fd1\nschedule: T0\n",
            ScenarioPrinter.Print(V36.Decode(tape)));
    }

    [Theory]
    [InlineData("v3.6")]
    [InlineData("modern")]
    public void A_recorded_tape_decodes_to_the_scenario_the_seeded_generator_draws(string protocol)
    {
        var choices = new ScenarioChoices(ProtocolRegistry.Create(protocol).Ops);
        for (ulong seed = 0; seed < 300; seed++)
            Assert.Equal(ScenarioPrinter.Print(choices.Generate(seed)), ScenarioPrinter.Print(choices.Decode(choices.Record(seed))));
    }

    [Fact]
    public void Every_byte_string_decodes_and_runs_the_same_twice()
    {
        var rng = new SplitMix64(17);
        var target = new FuzzTarget(() => new Modern(), Choices with { Schedules = 2 });
        for (int i = 0; i < 400; i++)
        {
            var bytes = ScenarioBytesTests.RandomBytes(rng, rng.Next(0, 300));
            RunResult first = target.Run(bytes), again = target.Run(bytes);
            Assert.Equal(ScenarioPrinter.Print(first.Scenario), ScenarioPrinter.Print(again.Scenario));
            Assert.Equal(first.Choices, again.Choices);
        }
    }

    /// <summary>
    /// AFL++'s first steps in process, without AFL++ and its coverage: havoc-like mutants of the
    /// committed v3.6 tapes (bytes set, inserted, cut), each under 4 extra schedules as in the
    /// smoke test, until a race oracle fires. Counted in executions, never timed: the bound
    /// holds on a loaded machine too (seen: the first race at about 1,200).
    /// </summary>
    [Fact]
    public void Mutating_the_committed_tapes_finds_a_v36_race_within_a_few_thousand_executions()
    {
        var seeds = Directory.GetFiles(Corpus.Dir(Path.Combine("choices", "v3.6"))).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var target = new FuzzTarget(() => new V3_6(), Choices with { Schedules = 4 });
        var rng = new SplitMix64(1);
        OracleKind[] races = [OracleKind.GetOnZero, OracleKind.TwoDmaBufsForOneObject, OracleKind.DanglingPointer];
        int execs = 0;
        RunResult? found = null;
        for (; execs < 5000 && found is null; execs++)
        {
            var run = target.Run(Havoc(rng, rng.Pick(seeds)));
            if (run.Violation is { } v && races.Contains(v.Oracle))
                found = run;
        }

        Assert.True(found is not null, $"no race within {execs} executions");
        Assert.Equal(found!.Violation!.ToString(), Executor.Run(found.Scenario, new V3_6()).Violation?.ToString());
    }

    [Fact]
    public void The_portfolio_finds_a_race_that_the_tapes_own_schedule_misses_and_the_failure_replays()
    {
        var target = new FuzzTarget(() => new V3_6(), Choices);
        var portfolio = new FuzzTarget(() => new V3_6(), Choices with { Portfolio = 24 });
        for (ulong seed = 0; seed < 200; seed++)
        {
            var tape = V36.Record(seed);
            if (target.Run(tape).Failed || portfolio.Run(tape).Violation is not { } v)
                continue;
            var run = portfolio.Run(tape);
            Assert.Equal(v.ToString(), run.Violation?.ToString()); // the same bytes, the same schedules
            Assert.Equal(v.ToString(), Executor.Run(run.Scenario, new V3_6()).Violation?.ToString()); // its scenario holds the schedule
            return;
        }
        Assert.Fail("no tape of seeds 0-199 is clean alone and fails under the portfolio");
    }

    [Fact]
    public void Triage_of_a_choices_crash_writes_a_repro_that_replays()
    {
        var (tape, oracle) = FirstRace();

        var report = CrashTriage.Triage(() => new V3_6(), [new CrashInput("tape", tape)], Choices);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(oracle, finding.Violation.Oracle);
        Assert.Equal(["tape"], finding.Sources);
        var text = ReproFile.Render(finding.Shrunk, ["test"]);
        var replayed = Executor.Run(ScenarioParser.Parse(text), new V3_6());
        Assert.Equal(finding.Violation.ToString(), replayed.Violation?.ToString());
    }

    /// <summary>The first tape of seeds 0, 1, ... whose own schedule fails with a race on v3.6.</summary>
    private static (byte[] Tape, OracleKind Oracle) FirstRace()
    {
        var target = new FuzzTarget(() => new V3_6(), Choices);
        for (ulong seed = 0; ; seed++)
        {
            var tape = V36.Record(seed);
            if (target.Run(tape).Violation is { Oracle: OracleKind.GetOnZero or OracleKind.TwoDmaBufsForOneObject or OracleKind.DanglingPointer } v)
                return (tape, v.Oracle);
        }
    }

    private static byte[] Havoc(SplitMix64 rng, byte[] seed)
    {
        var bytes = seed.ToList();
        for (int n = rng.Next(1, 4); n > 0; n--)
        {
            int at = rng.Next(bytes.Count + 1);
            switch (rng.Next(3))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = (byte)rng.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, (byte)rng.Next(256));
                    break;
                default:
                    if (at < bytes.Count)
                        bytes.RemoveAt(at);
                    break;
            }
        }
        return [.. bytes];
    }
}
