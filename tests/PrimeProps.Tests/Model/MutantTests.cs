using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Model;

/// <summary>Deliberate mutants of the seed: the oracles must catch what each one breaks.</summary>
public class MutantTests
{
    // Export, drop every handle (obj->dma_buf goes), re-import through the fd, export again.
    private static readonly Scenario ReimportThenExport = TestScenarios.Sequential(
        "A = open d0",
        "h = create_dumb A",
        "fd = handle_to_fd A h",
        "gem_close A h",
        "h2 = fd_to_handle A fd",
        "fd2 = handle_to_fd A h2");

    [Fact]
    public void Without_the_refill_a_single_thread_gets_a_second_dma_buf_for_one_object()
    {
        var run = Executor.Run(ReimportThenExport, new Seed2012WithoutRefill());

        Assert.Equal(OracleKind.TwoDmaBufsForOneObject, run.Violation?.Oracle);
        Assert.Equal("setup", run.Violation!.Thread);
        Assert.Contains("obj#1 has 2 live dma-bufs", run.Violation.Message);
    }

    [Fact]
    public void With_the_refill_the_same_scenario_keeps_one_dma_buf()
    {
        var run = TestScenarios.Run("seed-2012", ReimportThenExport);

        // The seed still leaks the self-import reference at exit (catalog row 8), but never
        // makes a second dma-buf: the re-export returns the original one.
        Assert.Equal(OracleKind.Leak, run.Violation?.Oracle);
        var returns = TestScenarios.SetupReturns(run);
        Assert.Single(run.Kernel.DmaBufs);
        Assert.Equal(5, returns[5]); // a new fd on the same dma-buf
    }

    // The object is held only by its dma-buf fd; re-importing it must create a handle, and
    // the handle table cannot grow (ENOMEM at idr_pre_get).
    private static readonly Scenario ReimportWithoutMemory = ScenarioParser.Parse(TestScenarios.Header + """
        setup:
          A = open d0
          h = create_dumb A
          fd = handle_to_fd A h
          gem_close A h
          h2 = fd_to_handle A fd
        fault setup:5 object_idr
        """);

    [Fact]
    public void Holding_prime_lock_into_the_error_path_self_deadlocks_on_ENOMEM()
    {
        var run = Executor.Run(ReimportWithoutMemory, new Seed2012HoldingPrimeLock());

        Assert.Equal(OracleKind.SelfDeadlock, run.Violation?.Oracle);
        Assert.Contains("d0->prime_lock which it already holds", run.Violation!.Message);
        Assert.Contains("drm_gem_object_handle_free", run.Violation.Function);
        Assert.Contains(run.Trace.Events, e => e.Kind == TraceKind.Fault && e.Action == "object_idr");
    }

    [Fact]
    public void The_seed_takes_the_same_ENOMEM_path_cleanly()
    {
        var run = TestScenarios.Run("seed-2012", ReimportWithoutMemory);

        Assert.Equal(-Kernel.Errno.ENOMEM, TestScenarios.SetupReturns(run)[4]);
        Assert.NotEqual(OracleKind.SelfDeadlock, run.Violation?.Oracle);
        Assert.NotEqual(OracleKind.Deadlock, run.Violation?.Oracle);
    }

    [Fact]
    public void The_lock_holding_mutant_is_harmless_when_no_allocation_fails()
    {
        var noFault = ReimportWithoutMemory with { Faults = [] };

        var mutant = Executor.Run(noFault, new Seed2012HoldingPrimeLock());
        var seed = TestScenarios.Run("seed-2012", noFault);

        Assert.Equal(seed.Violation?.Oracle, mutant.Violation?.Oracle);
        Assert.Equal(TestScenarios.SetupReturns(seed), TestScenarios.SetupReturns(mutant));
    }
}
