using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;
using PrimeProps.FsCheck;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace MapDumb.Tests;

/// <summary>
/// The example's op in FsCheck properties: <see cref="Arbitraries{TProtocol}"/> draws for the
/// protocol's own Ops, so map_dumb comes into the scenarios of a kernel that has it, and the
/// property reads as any other.
/// </summary>
public class MapDumbProperties
{
    private const string Replay = "20120723,11400714819323198485";

    [Property(Arbitrary = [typeof(Arbitraries<ModernWithMapDumb>)], MaxTest = 200, Replay = Replay)]
    public Property Modern_with_map_dumb_leaks_nothing(Scenario scenario) => PrimeCheck.Avoids<ModernWithMapDumb>(scenario, OracleKind.Leak);

    [Fact]
    public void FsCheck_finds_the_leak_of_the_patch_and_its_counterexample_maps_a_dumb_buffer()
    {
        var property = Prop.ForAll(ScenarioArbitrary.For<MapDumbLeak>(), s => PrimeCheck.Avoids<MapDumbLeak>(s, OracleKind.Leak));

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(FSharpOption<FsCheck.Replay>.Some(new FsCheck.Replay(new Rnd(20120723, 0x9E3779B97F4A7C15), FSharpOption<int>.None))), property));

        Assert.Contains("Leak", failure.Message);
        Assert.Contains("map_dumb", failure.Message);
    }
}
