using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Tests.Shrinking;

public class ShrinkerTests
{
    /// <summary>Row 1 buried in noise: extra files, objects, a third thread, a schedule that wanders.</summary>
    private const string NoisyRow1 = """
        primeprops-scenario 1
        device d0
        device d1
        setup:
          A = open d0
          B = open d1
          junk = create_dumb B
          h = create_dumb A
          h2 = create_dumb A
          fd = handle_to_fd A h
          n = flink A h2
        thread T0:
          dup 0
          close fd
          gem_close A h2
        thread T1:
          other = handle_to_fd B junk
          fd2 = handle_to_fd A h
          x = fd_to_handle B fd2
        thread T2:
          y = gem_open A n
          gem_close A y
        """;

    [Fact]
    public void A_noisy_row_1_shrinks_to_the_known_minimal_trigger()
    {
        var noisy = ScenarioParser.Parse(NoisyRow1);
        var found = Enumerable.Range(0, 5000).Select(seed => Executor.Run(noisy, new V3_6(), new RandomStrategy((ulong)seed)))
            .First(r => r.Violation?.Oracle == OracleKind.GetOnZero);

        var shrunk = new Shrinker(() => new V3_6()).Shrink(found);

        Assert.Equal(OracleKind.GetOnZero, shrunk.Violation?.Oracle);
        // Notes §3 row 1: create h; export h -> fd; T1 close(fd) || T2 HANDLE_TO_FD(A, h); plus the open.
        Assert.Equal(5, shrunk.Scenario.OpCount);
        Assert.Equal(2, shrunk.Scenario.Threads.Count(t => t.Ops.Count > 0));
        Assert.Single(shrunk.Scenario.Devices);
        Assert.True(shrunk.Preemptions <= 2, $"{shrunk.Preemptions} preemptions");
    }

    public static TheoryData<string, int> CheckFindings() => new() { { "v3.6", 1 }, { "v3.6", 2 }, { "seed-2012", 3 } };

    [Theory]
    [MemberData(nameof(CheckFindings))]
    public void Every_shrunk_finding_is_1_minimal(string protocol, int seed)
    {
        var report = new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions { Scenarios = 300, Seed = (ulong)seed }).Run();
        Assert.NotEmpty(report.Findings);
        foreach (var finding in report.Findings)
        {
            var shrunk = finding.Shrunk.Scenario;
            var identity = finding.Identity; // the bug: the oracle and the function where it fired
            var again = Executor.Run(shrunk, ProtocolRegistry.Create(protocol));
            Assert.True(identity.Matches(again.Violation), $"{protocol} {seed}: {identity} from scenario {finding.ShrunkFrom.ScenarioIndex} (first {finding.ScenarioIndex}): replay gives {again.Violation}; shrunk run {finding.Shrunk.Violation}\n{ScenarioPrinter.Print(shrunk)}");
            var size = ScenarioSize.Of(finding.Shrunk);
            RunResult Execute(Scenario s) => Executor.Run(s, ProtocolRegistry.Create(protocol));
            foreach (var pass in ShrinkPasses.All)
                foreach (var candidate in pass.Candidates(finding.Shrunk, Execute))
                {
                    var run = Execute(candidate);
                    Assert.False(identity.Matches(run.Violation) && ScenarioSize.Of(run with { Scenario = run.WithTakenSchedule() }) < size,
                        $"{pass.Name} still shrinks {ScenarioKey.Of(shrunk)} to {ScenarioKey.Of(candidate)}");
                }
        }
    }

    private static readonly Scenario Literal = ScenarioParser.Parse("""
        primeprops-scenario 1
        device d0
        device d1
        setup:
          A = open d0
          h = create_dumb A
        thread T0:
          fd = handle_to_fd A h
          x = fd_to_handle A fd
        thread T1:
          gem_close A h
          close 4
        schedule: T0*3 T1*2 T0 T1
        fault T1:2 drm_file
        """);

    [Fact]
    public void Drop_op_takes_the_ops_that_use_its_result_along()
    {
        var withoutCreate = ShrinkPasses.DropOps(Literal).Single(c => c.Setup.Count == 1 && c.Setup[0].Result == "A");
        Assert.Equal(["A = open d0"], withoutCreate.Setup.Select(ScenarioPrinter.PrintOp));
        Assert.Empty(withoutCreate.Threads[0].Ops);                        // both depend on h
        Assert.Equal(["close 4"], withoutCreate.Threads[1].Ops.Select(ScenarioPrinter.PrintOp));
        Assert.Equal([new Fault(1, 0, "drm_file")], withoutCreate.Faults); // follows its op
    }

    [Fact]
    public void Drop_thread_renumbers_the_schedule_and_the_faults()
    {
        var withoutT0 = ShrinkPasses.DropThreads(Literal).Single(c => c.Threads.Count == 1 && c.Threads[0].Name == "T1");
        Assert.Equal([new ScheduleRun(0, 3)], Scenario.Compress(withoutT0.ScheduleSteps()));
        Assert.Equal([new Fault(0, 1, "drm_file")], withoutT0.Faults);
    }

    [Fact]
    public void The_resource_chain_keeps_the_failing_op_what_it_uses_and_its_racing_partners()
    {
        var noisy = ScenarioParser.Parse(NoisyRow1);
        var found = Enumerable.Range(0, 5000).Select(seed => Executor.Run(noisy, new V3_6(), new RandomStrategy((ulong)seed)))
            .First(r => r.Violation?.Oracle == OracleKind.GetOnZero);

        var chain = Assert.Single(ShrinkPasses.KeepResourceChain(found));

        // fd2's export failed: it needs A and h; h's users are the setup's export (fd) and fd2 itself;
        // fd's user is T0's close (the racing partner), fd2's user is T1's import into B.
        Assert.Equal(["A = open d0", "B = open d1", "h = create_dumb A", "fd = handle_to_fd A h"], chain.Setup.Select(ScenarioPrinter.PrintOp));
        Assert.Equal(["close fd"], chain.Threads[0].Ops.Select(ScenarioPrinter.PrintOp));
        Assert.Equal(["fd2 = handle_to_fd A h", "x = fd_to_handle B fd2"], chain.Threads[1].Ops.Select(ScenarioPrinter.PrintOp));
        Assert.Empty(chain.Threads[2].Ops);
    }

    [Fact]
    public void Drop_unused_device_keeps_the_ones_ops_open()
    {
        var candidate = Assert.Single(ShrinkPasses.DropUnusedDevices(Literal));
        Assert.Equal(["d0"], candidate.Devices.Select(d => d.Name));
    }

    [Fact]
    public void Schedule_passes_shorten_and_merge_runs()
    {
        Assert.Contains(ShrinkPasses.ShortenSchedule(Literal), c => c.ScheduleSteps().SequenceEqual([0, 0, 0]));
        Assert.Contains(ShrinkPasses.DropPreemptions(Literal), c => c.ScheduleSteps().SequenceEqual([0, 0, 0, 0, 1]));
    }
}
