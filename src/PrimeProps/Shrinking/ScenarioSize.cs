using PrimeProps.Execution;

namespace PrimeProps.Shrinking;

/// <summary>
/// The one total order for "simpler": fewer ops, then fewer threads, faults, devices and
/// preemptions, then a shorter explicit schedule.
/// </summary>
public readonly record struct ScenarioSize(int Ops, int Threads, int Faults, int Devices, int Preemptions, int ScheduleSteps)
    : IComparable<ScenarioSize>
{
    public static ScenarioSize Of(RunResult r)
        => new(r.Scenario.OpCount, r.Scenario.Threads.Count, r.Scenario.Faults.Count, r.Scenario.Devices.Count, r.Preemptions, r.ExplicitChoices);

    public int CompareTo(ScenarioSize o)
        => (Ops, Threads, Faults, Devices, Preemptions, ScheduleSteps).CompareTo((o.Ops, o.Threads, o.Faults, o.Devices, o.Preemptions, o.ScheduleSteps));

    public static bool operator <(ScenarioSize a, ScenarioSize b) => a.CompareTo(b) < 0;
    public static bool operator >(ScenarioSize a, ScenarioSize b) => a.CompareTo(b) > 0;

    public override string ToString() => $"{Ops} ops, {Threads} threads, {Faults} faults, {Preemptions} preemptions";
}
