using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// An argument as FsCheck and CsCheck draw it: a raw number, or a reference. A drawn reference
/// is an ordinal (the n-th value of its kind made so far, n modulo their count, i.e. a uniform
/// pick as PrimeProps' generator makes); <see cref="Vocabulary.Bind"/> turns it into the id of
/// the op whose result it names, which stays put when a shrinker removes other ops.
/// </summary>
internal readonly record struct SymArg(bool IsRef, long Value)
{
    public override string ToString() => IsRef ? $"v{Value}" : $"{Value}";
}

/// <summary>One op with symbolic arguments; its result, if any, is named v<see cref="Id"/>.</summary>
internal sealed record SymOp(int Id, OpKind Kind, IReadOnlyList<SymArg> Args)
{
    public const int Unbound = -1;

    public override string ToString() => $"{(OpSpec.Of(Kind).Returns == ValueKind.None ? "" : $"v{Id} = ")}{OpSpec.Of(Kind).Name}({string.Join(", ", Args)})";
}

/// <summary>
/// The op vocabulary and reference rules of <see cref="Search.ScenarioGenerator"/>'s defaults,
/// as plain numbers the other libraries' generators draw from: op weights, the share of raw
/// numbers, their ranges, and the shape (1-2 opens, 1-2 creates, 1-6 ops, one device).
/// </summary>
internal static class Vocabulary
{
    public static readonly IReadOnlyList<(OpKind Op, int Weight)> Weights = Search.GeneratorOptions.DefaultOpWeights;
    public static readonly int BadReferencePercent = new Search.GeneratorOptions().BadInputPercent;
    public const int MaxOpens = 2, MaxCreates = 2, MaxOps = 6;
    public const int MaxOrdinal = 1 << 16; // uniform enough modulo any pool size a short list makes

    /// <summary>The argument kinds an op's generator draws (create_dumb's optional dims are left at their default).</summary>
    public static ValueKind[] Params(OpKind kind) => OpSpec.Of(kind) is var s ? s.Params[..(s.Params.Length - (kind == OpKind.CreateDumb ? 1 : 0))] : [];

    /// <summary>The range of a raw number of this kind, as the generator draws it.</summary>
    public static (int Lo, int Hi) RawRange(ValueKind kind) => kind == ValueKind.Fd ? (-1, 8) : (0, 4);

    public const uint GoodFlags = PrimeFlags.DRM_CLOEXEC;
    public const uint BadFlags = PrimeFlags.DRM_RDWR | 0x4;

    /// <summary>A drawn op (ordinal references) placed after <paramref name="before"/>: its id, and the ids its references name.</summary>
    public static SymOp Bind(IReadOnlyList<SymOp> before, SymOp drawn)
    {
        var spec = OpSpec.Of(drawn.Kind);
        var args = drawn.Args.Select((arg, i) => arg.IsRef && Ids(before, spec.Params[i]) is var ids
            ? ids.Count > 0 ? new SymArg(true, ids[(int)(arg.Value % ids.Count)]) : new SymArg(false, spec.Params[i] == ValueKind.Fd ? -1 : 0)
            : arg);
        return new SymOp(before.Count == 0 ? 0 : before.Max(o => o.Id) + 1, drawn.Kind, [.. args]);
    }

    /// <summary>Whether every reference of <paramref name="op"/> names a value made in <paramref name="before"/> (FsCheck's precondition).</summary>
    public static bool Resolves(IReadOnlyList<SymOp> before, SymOp op)
    {
        var spec = OpSpec.Of(op.Kind);
        return op.Args.Select((arg, i) => !arg.IsRef || Ids(before, spec.Params[i]).Contains((int)arg.Value)).All(ok => ok);
    }

    /// <summary>The ids of the ops in <paramref name="ops"/> that make a value of <paramref name="kind"/>, in order.</summary>
    private static List<int> Ids(IEnumerable<SymOp> ops, ValueKind kind)
        => [.. ops.Where(o => OpSpec.Of(o.Kind).Returns == kind && kind != ValueKind.None).Select(o => o.Id)];

    /// <summary>The scenario a bound op list stands for: every op on one thread of device d0.</summary>
    public static Scenario ToScenario(IEnumerable<SymOp> ops)
    {
        var made = new HashSet<long>();
        var resolved = new List<Op>();
        foreach (var op in ops)
        {
            var spec = OpSpec.Of(op.Kind);
            var args = op.Args.Select((arg, i) => Resolve(spec.Params[i], arg, made)).ToList();
            string? result = null;
            if (spec.Returns != ValueKind.None && made.Add(op.Id))
                result = $"v{op.Id}";
            resolved.Add(new Op(op.Kind, result, args));
        }
        return new Scenario([new DeviceDecl("d0", DeviceKind.Native)], [], [new ThreadDecl("T0", resolved)], [], []);
    }

    private static Arg Resolve(ValueKind kind, SymArg arg, HashSet<long> made) => kind switch
    {
        ValueKind.Device => new Arg(ValueKind.Device, "d0", 0),
        _ when !arg.IsRef => Arg.Number(kind, arg.Value),
        _ when made.Contains(arg.Value) => Arg.Ref(kind, $"v{arg.Value}"),
        _ => Arg.Number(kind, kind == ValueKind.Fd ? -1 : 0), // its maker was shrunk away: an invalid value, as in a scenario file
    };
}
