using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Fuzzing;

/// <summary>
/// The function under fuzzing: bytes to a scenario (<see cref="ScenarioBytes"/>, or the
/// generator's choices, <see cref="ScenarioChoices"/>, as <see cref="FuzzOptions.Input"/> says), then a run
/// against a fresh instance of the protocol with the scenario's own schedule and, when
/// <see cref="FuzzOptions.Schedules"/> asks, a few more (<see cref="ScheduleSearch"/>), until
/// one fails. Every run's interleaving features go to <c>feature</c> (the harness puts them in
/// AFL++'s map). The same bytes always give the same runs, so a crash input replays exactly;
/// a failure under another schedule is returned with that schedule in its scenario, so the
/// scenario alone replays it too (what triage and the shrinker start from).
/// </summary>
public sealed class FuzzTarget(Func<LinuxKernel> protocol, FuzzOptions? options = null, Action<uint>? feature = null)
{
    private readonly FuzzOptions options = options ?? FuzzOptions.Plain;
    private ScenarioChoices? choices; // made on first use: it asks the protocol for its calls

    /// <summary>The scenario the input stands for (any bytes decode); exceptions are harness bugs.</summary>
    public Scenario Decode(ReadOnlySpan<byte> input) => options.Input switch
    {
        FuzzInput.Choices => (choices ??= new ScenarioChoices(protocol().Ops)).Decode(input.ToArray()),
        _ => ScenarioBytes.Decode(input),
    };

    /// <summary>The run; a <see cref="HarnessBugException"/> for anything but a clean or failing run.</summary>
    public RunResult Run(ReadOnlySpan<byte> input)
    {
        Scenario scenario;
        try
        {
            scenario = Decode(input);
        }
        catch (Exception e)
        {
            throw new HarnessBugException("decoding the input", null, e);
        }
        try
        {
            var own = Executor.Run(scenario, protocol());
            Report(own);
            if (own.Failed)
                return own;
            foreach (var run in ScheduleSearch.Runs(scenario, protocol, own, options, input))
            {
                Report(run);
                if (run.Failed)
                    return run with { Scenario = run.WithTakenSchedule() };
            }
            return own;
        }
        catch (Exception e)
        {
            throw new HarnessBugException($"running it:\n{ScenarioPrinter.Print(scenario)}", scenario, e);
        }
    }

    private void Report(RunResult run)
    {
        if (feature is not null && options.Feedback != InterleavingFeedback.None)
            InterleavingSignal.Report(run, options.Feedback, feature);
    }

    /// <summary>What the fuzzer calls: returns when the run is clean, throws <see cref="OracleViolationException"/> when an oracle fired.</summary>
    public void Check(ReadOnlySpan<byte> input)
    {
        var run = Run(input);
        if (run.Failed)
            throw new OracleViolationException(run);
    }
}
