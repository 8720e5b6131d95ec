using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Search.Strategies;

namespace PrimeProps.Tests.Search;

public class PctStrategyTests
{
    /// <summary>Three threads of one op each that run cleanly on v3.6 in any order.</summary>
    private static readonly Scenario ThreeIndependentThreads = ScenarioParser.Parse(TestScenarios.Header + """
        setup:
          A = open d0
          h = create_dumb A
        thread T0:
          fd = handle_to_fd A h
        thread T1:
          x = create_dumb A
        thread T2:
          n = flink A h
        """);

    [Fact]
    public void The_same_seed_gives_the_same_choices()
    {
        var schedules = new HashSet<string>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            var first = Executor.Run(ThreeIndependentThreads, new V3_6(), new PctStrategy(seed, 3, 30));
            var again = Executor.Run(ThreeIndependentThreads, new V3_6(), new PctStrategy(seed, 3, 30));
            Assert.Equal(first.Choices, again.Choices);
            schedules.Add(string.Join(',', first.Choices));
        }
        Assert.True(schedules.Count > 1, "every seed gave the same schedule");
    }

    [Fact]
    public void Depth_1_runs_the_threads_one_after_another_each_to_completion()
    {
        var orders = new HashSet<string>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            var run = Executor.Run(ThreeIndependentThreads, new V3_6(), new PctStrategy(seed, 1, 30));
            var blocks = Scenario.Compress(run.Choices);

            Assert.Null(run.Violation);
            Assert.Equal([0, 1, 2], blocks.Select(b => b.Thread).Order()); // one uninterrupted block per thread
            orders.Add(string.Join(',', blocks.Select(b => b.Thread)));
        }
        Assert.True(orders.Count > 1, "every seed gave the same priority order");
    }

    [Fact]
    public void Depth_2_finds_row_1_on_v3_6_within_a_few_dozen_runs()
    {
        var scenario = Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn") with { Schedule = [] };
        int k = Executor.Run(scenario, new V3_6()).Steps;

        // Run r uses seed r - 1; 0 means no run up to the budget found it.
        int runsToFind = Enumerable.Range(1, 1000).FirstOrDefault(r =>
            Executor.Run(scenario, new V3_6(), new PctStrategy((ulong)r - 1, 2, k)).Violation?.Oracle == OracleKind.GetOnZero);

        // Observed: 10 (k = 7). PCT promises at least 1/(n k) = 1/14 per run for a depth-2 bug.
        Assert.InRange(runsToFind, 1, 50);
    }
}
