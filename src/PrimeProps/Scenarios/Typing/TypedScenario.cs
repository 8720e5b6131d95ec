namespace PrimeProps.Scenarios.Typing;

/// <summary>One call as read from the scenario: whether its input is deliberately bad, and the types of its arguments and result.</summary>
public sealed record TypedOp(int Thread, int Index, Op Op, BadInput Bad, IReadOnlyList<Typed> Args, Typed Result);

/// <summary>
/// A scenario read without running it: the setup, then each thread in order, each thread
/// from the setup's end state (<see cref="ResourceView"/>). This is the static classifier of
/// deliberately bad input: it works on generated scenarios, scenario files and fuzz inputs
/// alike, and the generator draws with the same reading, so an op it drew as bad input reads
/// as bad here and every other op as good. A reference to a result made later in the same
/// thread (or by a thread, from the setup) reads as <see cref="BadInput.NoSuchValue"/>; one
/// to a result of a later thread cannot be judged and reads as good.
/// </summary>
public sealed class TypedScenario
{
    private readonly Dictionary<(int Thread, int Op), TypedOp> ops = [];

    public TypedScenario(Scenario scenario)
    {
        Table = new ResourceTable(scenario.Devices.Select(d => d.Name));
        var setup = new ResourceView(Table);
        Read(setup, scenario.Setup, scenario, Scenario.SetupThread);
        for (int t = 0; t < scenario.Threads.Count; t++)
            Read(setup.ForThread(t), scenario.Threads[t].Ops, scenario, t);
    }

    public ResourceTable Table { get; }

    public TypedOp this[int thread, int op] => ops[(thread, op)];

    public IEnumerable<TypedOp> All => ops.Values;

    private void Read(ResourceView view, IReadOnlyList<Op> list, Scenario scenario, int thread)
    {
        var later = new HashSet<string>(list.Where(o => o.Result is not null).Select(o => o.Result!));
        if (thread == Scenario.SetupThread)
            later.UnionWith(scenario.Threads.SelectMany(t => t.Ops).Where(o => o.Result is not null).Select(o => o.Result!));
        for (int i = 0; i < list.Count; i++)
        {
            var op = list[i];
            var args = op.Args.Select(a => a.IsRef && a.Kind != ValueKind.Device ? Table.TypeOf(a.Var!) : Typed.Unknown).ToArray();
            bool unmade = op.Args.Any(a => a.IsRef && a.Kind != ValueKind.Device && later.Contains(a.Var!) && !Table.IsTyped(a.Var!));
            var bad = view.Apply(op, unmade ? BadInput.NoSuchValue : BadInput.None);
            if (op.Result is { } r)
                later.Remove(r);
            ops[(thread, i)] = new TypedOp(thread, i, op, bad, args, op.Result is { } name ? Table.TypeOf(name) : Typed.Unknown);
        }
    }
}
