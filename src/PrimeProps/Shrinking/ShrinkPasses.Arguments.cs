using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Passes on arguments: a raw number to the reference that had that value and back (dropping
/// the op that made it), a reference to an earlier value of its kind, aliases collapsed (every
/// use of one drm file, dma-buf fd, handle or name becomes another's; one device for another),
/// smaller raw numbers.
/// </summary>
public static partial class ShrinkPasses
{
    private static readonly ValueKind[] Referable = [ValueKind.Fd, ValueKind.Handle, ValueKind.Name];

    public static IEnumerable<Scenario> RawToReference(RunResult run)
    {
        var s = run.Scenario;
        var values = ValuesOf(run);
        foreach (var (op, i, arg) in Uses(s).Where(u => !u.Arg.IsRef && Referable.Contains(u.Arg.Kind)))
            foreach (var (name, kind, _) in Variables(s).Where(v => v.Kind == arg.Kind && values.GetValueOrDefault(v.Name, long.MinValue) == arg.Raw))
                yield return Rewrite(s, (o, k, a) => ReferenceEquals(o, op) && k == i ? Arg.Ref(kind, name) : a);
    }

    /// <summary>A reference replaced by the number it resolved to, together with the op that made it once nothing else uses it.</summary>
    public static IEnumerable<Scenario> ReferenceToRaw(RunResult run)
    {
        var s = run.Scenario;
        var values = ValuesOf(run);
        foreach (var (op, i, arg) in Uses(s).Where(u => u.Arg.IsRef && Referable.Contains(u.Arg.Kind) && values.ContainsKey(u.Arg.Var!)))
        {
            var raw = Rewrite(s, (o, k, a) => ReferenceEquals(o, op) && k == i ? Arg.Number(arg.Kind, values[arg.Var!]) : a);
            if (DropUnused(raw, arg.Var!, run) is { } smaller)
                yield return smaller;
        }
        // Every use of one value at once (a handle closed in the setup and guessed again by number in a thread).
        foreach (var (name, kind, _) in Variables(s).Where(v => Referable.Contains(v.Kind) && values.ContainsKey(v.Name)))
        {
            var uses = Uses(s).Count(u => u.Arg.IsRef && u.Arg.Var == name);
            if (uses < 2)
                continue;
            var raw = Rewrite(s, (_, _, a) => a.IsRef && a.Var == name ? Arg.Number(kind, values[name]) : a);
            if (DropUnused(raw, name, run) is { } smaller)
                yield return smaller;
        }
        // A value the run never set (its op failed): every use read the invalid number the
        // executor gives an unset reference, so that number can stand instead, and the op can go.
        foreach (var (name, kind, _) in Variables(s).Where(v => Referable.Contains(v.Kind) && !values.ContainsKey(v.Name)).DistinctBy(v => v.Name))
        {
            if (!Uses(s).Any(u => u.Arg.IsRef && u.Arg.Var == name))
                continue;
            var raw = Rewrite(s, (_, _, a) => a.IsRef && a.Var == name ? Arg.Number(kind, Executor.UnsetValue(kind)) : a);
            if (DropUnused(raw, name, run) is { } smaller)
                yield return smaller;
        }
    }

    /// <summary>
    /// One use of a value replaced by another value of its kind that had the same number in
    /// the run (an fd number reused after a close), so the first maker can go.
    /// </summary>
    public static IEnumerable<Scenario> SameNumberReference(RunResult run)
    {
        var s = run.Scenario;
        var values = ValuesOf(run);
        foreach (var (op, i, arg) in Uses(s).Where(u => u.Arg.IsRef && Referable.Contains(u.Arg.Kind) && values.ContainsKey(u.Arg.Var!)))
            foreach (var other in Variables(s).Where(v => v.Kind == arg.Kind && v.Name != arg.Var && values.GetValueOrDefault(v.Name, long.MinValue) == values[arg.Var!]))
            {
                var rewritten = Rewrite(s, (o, k, a) => ReferenceEquals(o, op) && k == i ? Arg.Ref(arg.Kind, other.Name) : a);
                yield return RemoveWithDependents(rewritten, AllOps(rewritten).First(o => o.Result == arg.Var), run); // and what only the old value fed
                yield return rewritten;
            }
    }

    /// <summary>One use of a value replaced by a value of the same kind made earlier.</summary>
    public static IEnumerable<Scenario> EarlierReference(Scenario s)
    {
        var order = Variables(s).Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var (op, i, arg) in Uses(s).Where(u => u.Arg.IsRef && order.ContainsKey(u.Arg.Var!)))
            foreach (var earlier in Variables(s).Take(order[arg.Var!]).Where(v => v.Kind == arg.Kind))
                yield return Rewrite(s, (o, k, a) => ReferenceEquals(o, op) && k == i ? Arg.Ref(arg.Kind, earlier.Name) : a);
    }

    /// <summary>Every use of a later value becomes a use of an earlier one made by the same call; its op goes too when it can.</summary>
    public static IEnumerable<Scenario> CollapseAliases(RunResult run)
    {
        var s = run.Scenario;
        var vars = Variables(s).ToList();
        for (int y = vars.Count - 1; y >= 1; y--)
            for (int x = 0; x < y; x++)
            {
                string from = vars[y].Name, to = vars[x].Name;
                if (vars[x].Kind != vars[y].Kind || vars[x].Maker.Kind != vars[y].Maker.Kind || !Uses(s).Any(u => u.Arg.IsRef && u.Arg.Var == from))
                    continue; // an unused value is for "drop op"
                var collapsed = Rewrite(s, (_, _, a) => a.IsRef && a.Var == from && a.Kind != ValueKind.Device ? Arg.Ref(a.Kind, to) : a);
                if (DropUnused(collapsed, from, run) is { } smaller)
                    yield return smaller;
                yield return collapsed;
            }
    }

    /// <summary>Every op on a later device goes to an earlier one, and the later device goes.</summary>
    public static IEnumerable<Scenario> CollapseDevices(Scenario s)
    {
        for (int y = s.Devices.Count - 1; y >= 1; y--)
            for (int x = 0; x < y; x++)
            {
                string from = s.Devices[y].Name, to = s.Devices[x].Name;
                yield return Rewrite(s, (_, _, a) => a.Kind == ValueKind.Device && a.Var == from ? Arg.Ref(ValueKind.Device, to) : a) with
                {
                    Devices = s.Devices.Where(d => d.Name != from).ToList(),
                };
            }
    }

    /// <summary>A raw number made 0, 1, its low 32 bits, or half.</summary>
    public static IEnumerable<Scenario> SmallerRaw(Scenario s)
    {
        foreach (var (op, i, arg) in Uses(s).Where(u => !u.Arg.IsRef && (Referable.Contains(u.Arg.Kind) || u.Arg.Kind == ValueKind.Flags)))
            foreach (long v in new[] { 0, 1, (long)(uint)arg.Raw, arg.Raw / 2 }.Distinct().Where(v => Magnitude(v) < Magnitude(arg.Raw)))
                yield return Rewrite(s, (o, k, a) => ReferenceEquals(o, op) && k == i ? Arg.Number(arg.Kind, v) : a);
    }

    internal static long Magnitude(long v) => v == long.MinValue ? long.MaxValue : Math.Abs(v);

    /// <summary>The values the run gave each variable (only those that succeeded).</summary>
    private static Dictionary<string, long> ValuesOf(RunResult run)
    {
        var values = new Dictionary<string, long>();
        foreach (var (t, i, op) in Places(run.Scenario))
            if (op.Result is { } name && run.ReturnOf(t, i) is long v && v >= 0)
                values[name] = v;
        return values;
    }

    /// <summary>The variables in the order their ops come (setup, then thread by thread), with their kind and maker.</summary>
    private static IEnumerable<(string Name, ValueKind Kind, Op Maker)> Variables(Scenario s)
        => Places(s).Where(p => p.Op.Result is not null).Select(p => (p.Op.Result!, OpSpec.Of(p.Op.Kind).Returns, p.Op));

    private static IEnumerable<(Op Op, int Index, Arg Arg)> Uses(Scenario s)
        => Places(s).SelectMany(p => p.Op.Args.Select((a, i) => (p.Op, i, a)));

    /// <summary>The scenario with every argument mapped; ops whose arguments do not change stay the same objects.</summary>
    private static Scenario Rewrite(Scenario s, Func<Op, int, Arg, Arg> map)
    {
        Op Map(Op op)
        {
            var args = op.Args.Select((a, i) => map(op, i, a)).ToList();
            return args.SequenceEqual(op.Args) ? op : op with { Args = args };
        }
        return s with { Setup = s.Setup.Select(Map).ToList(), Threads = s.Threads.Select(t => t with { Ops = t.Ops.Select(Map).ToList() }).ToList() };
    }

    /// <summary>Without the op that makes <paramref name="name"/>, if nothing uses it any more; else null.</summary>
    private static Scenario? DropUnused(Scenario s, string name, RunResult run)
    {
        if (Uses(s).Any(u => u.Arg.IsRef && u.Arg.Var == name && u.Arg.Kind != ValueKind.Device))
            return null;
        var maker = AllOps(s).First(o => o.Result == name);
        return Without(s, new HashSet<Op>([maker], ReferenceEqualityComparer.Instance), run);
    }
}
