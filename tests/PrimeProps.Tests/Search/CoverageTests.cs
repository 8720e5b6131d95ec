using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

public class CoverageTests
{
    [Fact]
    public void Counts_the_calls_that_were_in_flight_together_and_the_error_results()
    {
        var coverage = new Coverage();
        coverage.Add(Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new Modern()));
        coverage.Add(Executor.Run(TestScenarios.Sequential("A = open d0", "gem_close A 7", "close 9"), new Modern()));

        Assert.Equal(new Dictionary<string, int> { ["close || handle_to_fd"] = 1 }, coverage.Overlaps);
        Assert.Equal(1, coverage.Results["gem_close -EINVAL"]);
        Assert.Equal(1, coverage.Results["close -EBADF"]);
        Assert.Equal(2, coverage.Results["handle_to_fd ok"]);
        Assert.Contains("dup || flink", coverage.NeverOverlapped());
        Assert.DoesNotContain("close || handle_to_fd", coverage.NeverOverlapped());
        Assert.Empty(coverage.Faults);
    }
}
