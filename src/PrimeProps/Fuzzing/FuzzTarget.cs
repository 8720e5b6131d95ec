using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Fuzzing;

/// <summary>
/// The function under fuzzing: bytes to a scenario (<see cref="ScenarioBytes"/>), then one run
/// against a fresh instance of the protocol with the scenario's own schedule. The same bytes
/// always give the same run, so a crash input replays exactly.
/// </summary>
public sealed class FuzzTarget(Func<LinuxKernel> protocol)
{
    /// <summary>The run; a <see cref="HarnessBugException"/> for anything but a clean or failing run.</summary>
    public RunResult Run(ReadOnlySpan<byte> input)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioBytes.Decode(input);
        }
        catch (Exception e)
        {
            throw new HarnessBugException("decoding the input", null, e);
        }
        try
        {
            return Executor.Run(scenario, protocol());
        }
        catch (Exception e)
        {
            throw new HarnessBugException($"running it:\n{ScenarioPrinter.Print(scenario)}", scenario, e);
        }
    }

    /// <summary>What the fuzzer calls: returns when the run is clean, throws <see cref="OracleViolationException"/> when an oracle fired.</summary>
    public void Check(ReadOnlySpan<byte> input)
    {
        var run = Run(input);
        if (run.Failed)
            throw new OracleViolationException(run);
    }
}
