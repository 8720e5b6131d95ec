using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// The one total order for "simpler", compared field by field: fewer ops; fewer threads; fewer
/// ops in threads (more in the sequential setup); fewer faults and devices; fewer raw numbers
/// where a reference could stand; fewer distinct values used (aliases collapsed); fewer
/// preemptions, then fewer context switches, then a shorter explicit schedule; then smaller
/// raw numbers and references to earlier values.
/// </summary>
public readonly record struct ScenarioSize(
    int Ops, int Threads, int ThreadOps, int Faults, int Devices, int RawArgs, int Values,
    int Preemptions, int Switches, int ScheduleSteps, long RawMagnitude, int ReferenceAge) : IComparable<ScenarioSize>
{
    public static ScenarioSize Of(RunResult r)
    {
        var s = r.Scenario;
        var ops = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).ToList();
        var args = ops.SelectMany(o => o.Args).ToList();
        var age = ops.Select((o, i) => (o.Result, i)).Where(p => p.Result is not null).GroupBy(p => p.Result!).ToDictionary(g => g.Key, g => g.First().i);
        var taken = r.Choices.Take(r.ExplicitChoices).ToList();
        return new(
            s.OpCount, s.Threads.Count, s.Threads.Sum(t => t.Ops.Count), s.Faults.Count, s.Devices.Count,
            args.Count(a => !a.IsRef && a.Kind is ValueKind.Fd or ValueKind.Handle or ValueKind.Name),
            args.Where(a => a.IsRef).Select(a => (a.Kind == ValueKind.Device, a.Var)).Distinct().Count(),
            r.Preemptions, taken.Zip(taken.Skip(1)).Count(p => p.First != p.Second), r.ExplicitChoices,
            args.Where(a => !a.IsRef && a.Kind is not (ValueKind.Device or ValueKind.Dims)).Sum(a => Math.Min(ShrinkPasses.Magnitude(a.Raw), 1L << 40)),
            args.Where(a => a.IsRef && a.Var is not null && age.ContainsKey(a.Var)).Sum(a => age[a.Var!]));
    }

    private (int, int, int, int, int, int, int, int, int, int, long, int) Key()
        => (Ops, Threads, ThreadOps, Faults, Devices, RawArgs, Values, Preemptions, Switches, ScheduleSteps, RawMagnitude, ReferenceAge);

    public int CompareTo(ScenarioSize o) => Key().CompareTo(o.Key());

    public static bool operator <(ScenarioSize a, ScenarioSize b) => a.CompareTo(b) < 0;
    public static bool operator >(ScenarioSize a, ScenarioSize b) => a.CompareTo(b) > 0;

    public override string ToString() => $"{Ops} ops, {Threads} threads, {Faults} faults, {Preemptions} preemptions";
}
