using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The function the fuzzer calls: findings are one exception, harness failures another.</summary>
public class FuzzTargetTests
{
    /// <summary>v3.6 whose dup is broken in the model itself, not in the modelled kernel.</summary>
    internal sealed class BrokenDup : V3_6
    {
        public override string Name => "v3.6-broken-dup";
        protected internal override KTask<long> sys_dup(long fildes) => throw new InvalidOperationException("model bug in sys_dup");
    }

    internal static byte[] Encoded(string catalogFile) => ScenarioBytes.Encode(Corpus.Load("catalog", catalogFile));

    [Fact]
    public void An_oracle_violation_is_an_OracleViolationException()
    {
        var target = new FuzzTarget(() => new V3_6());

        var e = Assert.Throws<OracleViolationException>(() => target.Check(Encoded("row1-export-vs-last-fd-close.scn")));

        Assert.Equal(OracleKind.GetOnZero, e.Run.Violation?.Oracle);
        Assert.StartsWith("ORACLE VIOLATION on v3.6: GetOnZero", e.Message);
    }

    [Fact]
    public void A_clean_run_returns()
        => new FuzzTarget(() => new Modern()).Check(Encoded("row1-export-vs-last-fd-close.scn"));

    [Fact]
    public void A_failure_of_the_model_is_a_HarnessBugException_with_the_scenario()
    {
        var target = new FuzzTarget(() => new BrokenDup());
        var bytes = ScenarioBytes.Encode(TestScenarios.Sequential("A = open d0", "B = dup A"));

        var e = Assert.Throws<HarnessBugException>(() => target.Check(bytes));

        Assert.StartsWith("HARNESS BUG (not an oracle finding) while running it:", e.Message);
        Assert.Contains("InvalidOperationException: model error at step", e.Message);
        Assert.Contains("  B = dup A\n", ScenarioPrinter.Print(e.Scenario!));
    }

    [Fact]
    public void Mutated_catalog_inputs_run_on_every_protocol_without_harness_bugs_and_replay_exactly()
    {
        var seeds = Directory.GetFiles(Corpus.Dir("catalog"), "*.scn").Order(StringComparer.Ordinal)
            .Select(f => ScenarioBytes.Encode(ScenarioParser.ParseFile(f))).ToList();
        var rng = new SplitMix64(36);
        int failed = 0;
        for (int i = 0; i < 300; i++)
        {
            var bytes = Mutate(rng, rng.Pick(seeds));
            foreach (var name in ProtocolRegistry.Names)
            {
                var target = new FuzzTarget(() => ProtocolRegistry.Create(name));
                RunResult first = target.Run(bytes), again = target.Run(bytes);
                Assert.Equal(first.Violation?.ToString(), again.Violation?.ToString());
                Assert.Equal(first.Choices, again.Choices);
                failed += first.Failed ? 1 : 0;
            }
        }
        Assert.InRange(failed, 1, 899); // the inputs reach both outcomes, so both paths ran
    }

    /// <summary>What AFL++'s havoc stage does most: set a few bytes, or cut the input short.</summary>
    private static byte[] Mutate(SplitMix64 rng, byte[] seed)
    {
        var bytes = seed.ToArray();
        for (int n = rng.Next(1, 3); n > 0; n--)
            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
        return rng.Chance(20) ? bytes[..rng.Next(bytes.Length)] : bytes;
    }
}
