using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace PrimeProps.Bench.Races;

/// <summary>Coyote's TestingEngine on the hand port: T0 and T1 as two tasks, Coyote choosing at every scheduling point.</summary>
internal static class CoyoteHunt
{
    private sealed class CoyoteHarness : IRaceHarness
    {
        public void Interleave() => SchedulingPoint.Interleave();
        public void Assert(bool holds, string message) => Specification.Assert(holds, message);
    }

    /// <summary>The test body, one iteration of the engine.</summary>
    public static async Task Row1()
    {
        var port = new Row1Port(new CoyoteHarness()).Setup();
        var t0 = Task.Run(port.CloseLastFd);
        var t1 = Task.Run(port.ReExport);
        await Task.WhenAll(new[] { t0, t1 }); // an array: Coyote does not control the span overload
    }

    /// <summary>One hunt: iterations until the first bug (the engine stops there), or the cap.</summary>
    public static RaceHunt Run(string strategy, uint seed, int maxIterations)
    {
        var config = Configuration.Create()
            .WithTestingIterations((uint)maxIterations)
            .WithRandomGeneratorSeed(seed)
            .WithTelemetryEnabled(false)
            .WithVerbosityEnabled(VerbosityLevel.None);
        config = strategy switch
        {
            "random" => config.WithRandomStrategy(),
            "PCT d=2" => config.WithPrioritizationStrategy(false, 1), // d - 1 priority change points
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "no such Coyote strategy"),
        };
        var clock = Stopwatch.StartNew();
        using var engine = TestingEngine.Create(config, Row1);
        engine.SetLogger(new TextWriterLogger(TextWriter.Null, VerbosityLevel.None)); // the engine prints every iteration otherwise
        engine.Run();
        var report = engine.TestReport;
        int iterations = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
        bool found = report.NumOfFoundBugs > 0 && report.BugReports.Any(b => b.Contains("GetOnZero", StringComparison.Ordinal));
        return new RaceHunt(iterations, clock.Elapsed.TotalSeconds, found, report.BugReports.FirstOrDefault());
    }
}
