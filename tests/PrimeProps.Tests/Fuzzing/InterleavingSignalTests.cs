using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Tracing;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The interleaving features a run reports to the fuzzer: new orders of the same code are new features.</summary>
public class InterleavingSignalTests
{
    /// <summary>Two handle_to_fd of one object, from two files: "T0 T1*6 T0" races; without a schedule it runs clean, T0 then T1.</summary>
    private static readonly PrimeProps.Scenarios.Scenario Row2 = Corpus.Load("catalog", "row2-two-files-export-race.scn");

    private static HashSet<uint> Features(RunResult run, InterleavingFeedback kind)
    {
        var features = new HashSet<uint>();
        InterleavingSignal.Report(run, kind, f => features.Add(f));
        return features;
    }

    [Theory]
    [InlineData(InterleavingFeedback.Switches)]
    [InlineData(InterleavingFeedback.Accesses)]
    public void The_racy_schedule_has_features_the_sequential_one_lacks(InterleavingFeedback kind)
    {
        var racy = Executor.Run(Row2, new V3_6());
        var sequential = Executor.Run(Row2 with { Schedule = [] }, new V3_6());

        var added = Features(racy, kind).Except(Features(sequential, kind)).ToList();

        Assert.False(sequential.Failed);
        Assert.NotEmpty(Features(sequential, kind)); // T0 then T1: one switch, and T1 touches what T0 wrote
        Assert.NotEmpty(added);
    }

    [Fact]
    public void None_reports_nothing()
        => Assert.Empty(Features(Executor.Run(Row2, new V3_6()), InterleavingFeedback.None));

    [Theory]
    [InlineData("kref_get(&obj#1->refcount)", "obj#1")]
    [InlineData("spin_lock(drm_file#12->table_lock)", "drm_file#12")]
    [InlineData("read obj#3->export_dma_buf", "obj#3")]
    [InlineData("spin_lock(files->file_lock)", null)]
    [InlineData("fcheck_files(files, 3)", null)]
    public void The_object_of_an_access_is_the_first_numbered_name(string action, string? expected)
        => Assert.Equal(expected, InterleavingSignal.ObjectOf(action));

    [Fact]
    public void A_site_names_code_not_objects()
    {
        var a = new TraceEvent(TraceKind.Step, 5, 0, 1, "fput", "atomic_long_dec_and_test(&file#4->f_count)", 0);
        var b = a with { Step = 9, Thread = 1, Action = "atomic_long_dec_and_test(&file#17->f_count)" };
        var c = a with { Function = "sys_close" };

        Assert.Equal(InterleavingSignal.Site(a), InterleavingSignal.Site(b));
        Assert.NotEqual(InterleavingSignal.Site(a), InterleavingSignal.Site(c));
    }
}
