using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace PrimeProps.Properties;

/// <summary>What one FsCheck run of a property came to: the cases it tried and, if it failed, the shrunk scenario and its labels.</summary>
internal sealed record SearchOutcome(int Cases, Scenario? Shrunk, int Shrinks, string Labels);

/// <summary>
/// Runs a property with FsCheck's own runner, a fixed replay seed and a budget of cases, and
/// hands back what it found instead of throwing, so a test can assert on the counterexample.
/// </summary>
internal static class FsCheckSearch
{
    private const ulong Gamma = 0x9E3779B97F4A7C15; // any odd number does; SplitMix's usual one

    public static SearchOutcome Run(Property property, int budget, ulong seed)
    {
        var runner = new CapturingRunner();
        var replay = new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None);
        Check.One(Config.Quick.WithMaxTest(budget).WithReplay(FSharpOption<Replay>.Some(replay)).WithRunner(runner), property);
        return runner.Result switch
        {
            TestResult.Failed f => new SearchOutcome(f.Item1.NumberOfTests, (Scenario)f.Item3.Head, f.Item1.NumberOfShrinks, string.Join("\n", f.Item1.Labels)),
            TestResult.Passed p => new SearchOutcome(p.Item1.NumberOfTests, null, 0, ""),
            var other => throw new InvalidOperationException($"FsCheck gave up: {other}"),
        };
    }

    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t) { }
        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }
        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }
        public void OnFinished(string name, TestResult result) => Result = result;
    }
}
