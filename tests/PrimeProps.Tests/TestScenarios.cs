using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests;

/// <summary>Small helpers to write scenarios inline in tests.</summary>
internal static class TestScenarios
{
    public const string Header = "primeprops-scenario 1\ndevice d0\n";

    /// <summary>A setup-only (sequential) scenario from op lines.</summary>
    public static Scenario Sequential(params string[] ops)
        => ScenarioParser.Parse(Header + "setup:\n" + string.Join("\n", ops.Select(o => "  " + o)) + "\n");

    public static RunResult Run(string protocol, Scenario s) => Executor.Run(s, ProtocolRegistry.Create(protocol));

    public static RunResult Run(LinuxKernel protocol, string text) => Executor.Run(ScenarioParser.Parse(text), protocol);

    /// <summary>Results of the setup's ops, in order.</summary>
    public static long[] SetupReturns(RunResult r)
        => r.Returns.Where(x => x.Thread == Scenario.SetupThread).Select(x => x.Value).ToArray();
}
