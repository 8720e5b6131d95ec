using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using PrimeProps.Scenarios;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// FsCheck as its documentation recommends for a sequential system with a model: a property
/// over generated command lists (the model binds each command's references to the values made
/// before it) that runs each case once through the executor, and a shrinker that removes
/// commands, keeping only lists whose references still resolve (the state machine's Pre). The
/// shape is PrimeProps' and CsCheck's: 1-2 opens, 1-2 creates, then 1-6 weighted ops.
/// </summary>
internal static class FsCheckDriver
{
    private const ulong Gamma = 0x9E3779B97F4A7C15; // any odd number does

    public static ShrinkHunt Run(int seed, int maxCases)
    {
        var sink = new FailureSink();
        var replay = new Replay(new Rnd((ulong)seed, Gamma), FSharpOption<int>.None);
        var config = Config.Quick.WithMaxTest(maxCases).WithReplay(FSharpOption<Replay>.Some(replay)).WithRunner(new SilentRunner());
        var property = Prop.ForAll(Arb.From(Ops, Shrink), ops =>
        {
            sink.NewCase();
            bool fails = PlantedBug.Fails(Vocabulary.ToScenario(ops));
            if (fails)
                sink.Failed(ops);
            return !fails;
        });
        Check.One(config, property);
        return sink.Result();
    }

    private static readonly Gen<SymOp[]> Ops =
        from opens in Gen.Choose(1, Vocabulary.MaxOpens).SelectMany(n => OpOf(OpKind.Open).ArrayOf(n))
        from creates in Gen.Choose(1, Vocabulary.MaxCreates).SelectMany(n => OpOf(OpKind.CreateDumb).ArrayOf(n))
        from rest in Gen.Choose(1, Vocabulary.MaxOps).SelectMany(n => Gen.Frequency(Vocabulary.Weights.Select(w => (w.Weight, OpOf(w.Op)))).ArrayOf(n))
        select Bound([.. opens, .. creates, .. rest]);

    /// <summary>Each list with one command removed, when every remaining reference still names a value made before it.</summary>
    private static IEnumerable<SymOp[]> Shrink(SymOp[] ops)
    {
        for (int i = ops.Length - 1; i >= 0; i--)
        {
            SymOp[] shorter = [.. ops[..i], .. ops[(i + 1)..]];
            if (shorter.Select((op, j) => Vocabulary.Resolves(shorter[..j], op)).All(ok => ok))
                yield return shorter;
        }
    }

    private static SymOp[] Bound(SymOp[] drawn)
    {
        var bound = new List<SymOp>();
        foreach (var op in drawn)
            bound.Add(Vocabulary.Bind(bound, op));
        return [.. bound];
    }

    private static Gen<SymOp> OpOf(OpKind kind)
        => Gen.CollectToSequence(Vocabulary.Params(kind), ArgOf).Select(args => new SymOp(SymOp.Unbound, kind, [.. args]));

    private static Gen<SymArg> ArgOf(ValueKind kind)
    {
        if (kind == ValueKind.Flags)
            return Gen.Frequency((100 - Vocabulary.BadReferencePercent, Gen.Constant(new SymArg(false, Vocabulary.GoodFlags))),
                                 (Vocabulary.BadReferencePercent, Gen.Constant(new SymArg(false, Vocabulary.BadFlags))));
        var (lo, hi) = Vocabulary.RawRange(kind);
        return Gen.Frequency((100 - Vocabulary.BadReferencePercent, Gen.Choose(0, Vocabulary.MaxOrdinal).Select(n => new SymArg(true, n))),
                             (Vocabulary.BadReferencePercent, Gen.Choose(lo, hi).Select(n => new SymArg(false, n))));
    }

    /// <summary>The sink keeps the result; the runner only keeps FsCheck from printing.</summary>
    private sealed class SilentRunner : IRunner
    {
        public void OnStartFixture(Type t) { }
        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }
        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }
        public void OnFinished(string name, TestResult result) { }
    }
}
