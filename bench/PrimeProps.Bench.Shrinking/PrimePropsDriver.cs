using System.Diagnostics;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Shrinking;

namespace PrimeProps.Bench.Shrinking;

/// <summary>PrimeProps itself: the checker's scenarios (one device, one thread, no faults), one executor run each, then the shrinker on the first failure.</summary>
internal static class PrimePropsDriver
{
    public static readonly GeneratorOptions Options = new() { MaxDevices = 1, MaxThreads = 1, FaultPercent = 0 };

    public static ShrinkHunt Run(int seed, int maxCases)
    {
        var checker = new Checker(PlantedBug.Protocol, new CheckOptions { Seed = (ulong)seed, Generator = Options });
        var generator = new ScenarioGenerator(Options);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < maxCases; i++)
        {
            var run = checker.RunOne(generator, i);
            if (!PlantedBug.Fails(run))
                continue;
            double msToFind = clock.Elapsed.TotalMilliseconds;
            var shrinker = new Shrinker(PlantedBug.Protocol);
            var shrunk = shrinker.Shrink(run);
            var ops = shrunk.Scenario.Setup.Concat(shrunk.Scenario.Threads.SelectMany(t => t.Ops));
            return new ShrinkHunt(true, i + 1, msToFind, shrunk.Scenario.OpCount, clock.Elapsed.TotalMilliseconds - msToFind,
                string.Join("; ", ops.Select(ScenarioPrinter.PrintOp)), i + 1, shrinker.Runs);
        }
        return new ShrinkHunt(false, maxCases, clock.Elapsed.TotalMilliseconds, 0, 0, "", maxCases, 0);
    }
}
