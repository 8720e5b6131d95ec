using PrimeProps.Execution;
using PrimeProps.Scenarios;
using PrimeProps.Shrinking;

namespace PrimeProps.FsCheck;

/// <summary>
/// FsCheck's shrinker for scenarios: the candidates of the library's <see cref="ShrinkPasses"/>,
/// kept only when they fail with the same oracle and are smaller (<see cref="ScenarioSize"/>),
/// each with the schedule its run took. FsCheck takes the first candidate that still fails the
/// property and asks again, so shrinking ends where the library's <see cref="Shrinker"/> does:
/// no pass makes the scenario smaller with the same class of bug.
/// </summary>
internal static class SameFailureShrinks
{
    public static IEnumerable<Scenario> Of(Scenario scenario, Func<LinuxKernel> protocol)
    {
        var failing = Executor.Run(scenario, protocol());
        if (failing.Violation is not { } violation)
            yield break; // FsCheck shrinks failures only; a passing value has nothing to keep
        var signature = FailureSignature.Of(violation);
        var size = ScenarioSize.Of(failing);
        foreach (var pass in ShrinkPasses.All)
        {
            foreach (var candidate in pass.Candidates(failing, s => Executor.Run(s, protocol())))
            {
                var run = Executor.Run(candidate, protocol());
                if (signature.Matches(run) && ScenarioSize.Of(run) < size)
                    yield return run.WithTakenSchedule();
            }
        }
    }
}
