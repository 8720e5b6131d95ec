using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Execution;

public class ExecutorTests
{
    /// <summary>Export takes L1 then L2, import L2 then L1: the classic AB-BA.</summary>
    private sealed class AbbaLocks : Seed2012
    {
        private readonly KMutex l1 = new("L1"), l2 = new("L2");

        protected override async KTask<int> drm_gem_prime_handle_to_fd(DrmDevice dev, DrmFile file_priv, uint handle, uint flags, Out<long> prime_fd)
        {
            await mutex_lock(l1);
            await mutex_lock(l2);
            mutex_unlock(l2);
            mutex_unlock(l1);
            return await base.drm_gem_prime_handle_to_fd(dev, file_priv, handle, flags, prime_fd);
        }

        protected override async KTask<int> drm_gem_prime_fd_to_handle(DrmDevice dev, DrmFile file_priv, long prime_fd, Out<long> handle)
        {
            await mutex_lock(l2);
            await mutex_lock(l1);
            mutex_unlock(l1);
            mutex_unlock(l2);
            return await base.drm_gem_prime_fd_to_handle(dev, file_priv, prime_fd, handle);
        }
    }

    private const string ExportAgainstImport = """
        primeprops-scenario 1
        device d0
        setup:
          A = open d0
          h = create_dumb A
          fd = handle_to_fd A h
        thread T0:
          fd2 = handle_to_fd A h
        thread T1:
          x = fd_to_handle A fd
        """;

    [Fact]
    public void Two_threads_each_waiting_for_the_others_lock_are_a_deadlock()
    {
        // T0: enter, fget, L1; then T1: enter, fget, L2; then each blocks on the other's lock.
        var run = TestScenarios.Run(new AbbaLocks(), ExportAgainstImport + "\nschedule: T0*3 T1*3\n");

        Assert.Equal(OracleKind.Deadlock, run.Violation?.Oracle);
        Assert.Contains("T0 waits for L2 held by T1", run.Violation!.Message);
        Assert.Contains("T1 waits for L1 held by T0", run.Violation.Message);
    }

    [Fact]
    public void Lockdep_reports_the_inverted_order_in_a_run_that_does_not_deadlock()
    {
        var run = TestScenarios.Run(new AbbaLocks(), ExportAgainstImport); // T0 runs to the end first

        Assert.Equal(OracleKind.LockOrderInversion, run.Violation?.Oracle);
        Assert.Equal("T1", run.Violation!.Thread);
        Assert.Contains("T1 takes L1 while holding L2", run.Violation.Message);
        Assert.Contains("earlier setup took L2 while holding L1 in drm_gem_prime_handle_to_fd", run.Violation.Message);
        Assert.DoesNotContain(run.Trace.Events, e => e.Kind == TraceKind.Return && e.Thread == 1); // caught before T1 finished
    }

    [Fact]
    public void Without_lockdep_the_same_run_passes_since_nothing_deadlocked()
    {
        var run = Executor.Run(ScenarioParser.Parse(ExportAgainstImport), new AbbaLocks(), options: new RunOptions { LockDep = false });
        Assert.Null(run.Violation);
    }

    [Theory]
    [InlineData("v3.6")]
    [InlineData("seed-2012")]
    [InlineData("modern")]
    public void The_built_in_protocols_take_their_locks_in_one_order(string protocol)
    {
        var checker = new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions { Scenarios = 1500, Seed = 3, Generator = new GeneratorOptions { MaxThreads = 3 } });
        Assert.DoesNotContain(checker.Run().Findings, f => f.Violation.Oracle == OracleKind.LockOrderInversion);
    }

    [Fact]
    public void The_same_scenario_and_schedule_give_the_same_trace_bit_for_bit()
    {
        var generator = new ScenarioGenerator(new GeneratorOptions());
        for (ulong seed = 0; seed < 200; seed++)
        {
            var scenario = generator.Generate(new SplitMix64(seed));
            var first = Executor.Run(scenario, new V3_6(), new RandomStrategy(seed));
            var again = Executor.Run(first.WithTakenSchedule(), new V3_6());
            Assert.Equal(first.Trace.Events, again.Trace.Events);
            Assert.Equal(first.Trace.Hash(), again.Trace.Hash());
            Assert.Equal(first.Violation?.ToString(), again.Violation?.ToString());
        }
    }

    [Fact]
    public void The_trace_hash_of_a_fixed_run_does_not_change_between_runs_or_machines()
    {
        var run = Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new V3_6());
        // The events are plain data (ints and strings), hashed with FNV-1a: no pointer, clock or hash-order input.
        Assert.Equal(run.Trace.Hash(), Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new V3_6()).Trace.Hash());
        Assert.Equal(35, run.Violation!.Step);
    }

    [Fact]
    public void A_schedule_naming_a_thread_that_cannot_run_falls_back_without_failing()
    {
        var scenario = ScenarioParser.Parse(ExportAgainstImport + "\nschedule: T1*100 T0*3\n");
        var run = Executor.Run(scenario, new Seed2012());
        Assert.Null(run.Violation);
        Assert.Equal(1, run.ReturnOf(1, 0)); // T1 ran first: the cache hit in the exporting file
        Assert.Equal(5, run.ReturnOf(0, 0)); // then T0's export, on the next free fd
    }

    [Fact]
    public void A_reference_to_a_result_not_made_yet_is_an_invalid_value()
    {
        // T1 uses T0's fd before T0 has made it: -1, so EBADF.
        var text = "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n" +
                   "thread T0:\n  fd = handle_to_fd A h\nthread T1:\n  close fd\nschedule: T1*10\n";
        var run = TestScenarios.Run(new Seed2012(), text);
        Assert.Equal(-Errno.EBADF, run.ReturnOf(1, 0));
        Assert.Null(run.Violation);
    }
}
