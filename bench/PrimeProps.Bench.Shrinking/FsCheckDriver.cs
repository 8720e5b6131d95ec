using System.Collections.Immutable;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// FsCheck.Experimental's state machine: the model is the op list so far; the actual is an
/// executor session that runs its whole op list through <c>Executor.Run</c> at every Check.
/// Next draws from the same vocabulary and binds references to the model's values; like a state
/// machine user would, it uses the model to start with an open and a create. FsCheck shrinks by
/// dropping operations, skipping runs where an op names a value whose maker was dropped (Pre).
/// </summary>
internal static class FsCheckDriver
{
    private const ulong Gamma = 0x9E3779B97F4A7C15; // any odd number does

    /// <summary>Ops per run: PrimeProps' longest scenario here (2 opens, 2 creates, 6 ops).</summary>
    private const int MaxOps = Vocabulary.MaxOpens + Vocabulary.MaxCreates + Vocabulary.MaxOps;

    public static ShrinkHunt Run(int seed, int maxCases)
    {
        var sink = new FailureSink();
        var replay = new Replay(new Rnd((ulong)seed, Gamma), FSharpOption<int>.None);
        var config = Config.Quick.WithMaxTest(maxCases).WithReplay(FSharpOption<Replay>.Some(replay)).WithRunner(new SilentRunner());
        Check.One(config, new BugMachine(sink).ToProperty());
        return sink.Result();
    }

    private sealed class Session(FailureSink sink)
    {
        public readonly List<SymOp> Ops = [];
        public FailureSink Sink => sink;
    }

    private sealed class BugMachine(FailureSink sink) : Machine<Session, ImmutableList<SymOp>>(MaxOps)
    {
        public override Arbitrary<Setup<Session, ImmutableList<SymOp>>> Setup
            => Arb.From(Gen.Constant<Setup<Session, ImmutableList<SymOp>>>(new EmptySession(sink)));

        public override Gen<Operation<Session, ImmutableList<SymOp>>> Next(ImmutableList<SymOp> model)
        {
            var op = !model.Any(o => o.Kind == OpKind.Open) ? OpOf(OpKind.Open)
                : !model.Any(o => o.Kind == OpKind.CreateDumb) ? OpOf(OpKind.CreateDumb)
                : Gen.Frequency(Vocabulary.Weights.Select(w => (w.Weight, OpOf(w.Op))));
            return op.Select(o => (Operation<Session, ImmutableList<SymOp>>)new Step(Vocabulary.Bind(model, o)));
        }
    }

    private sealed class EmptySession(FailureSink sink) : Setup<Session, ImmutableList<SymOp>>
    {
        public override Session Actual()
        {
            sink.NewCase();
            return new Session(sink);
        }

        public override ImmutableList<SymOp> Model() => [];
    }

    private sealed class Step(SymOp op) : Operation<Session, ImmutableList<SymOp>>
    {
        /// <summary>A shrunk run whose op lost the maker of a value it names is not a run FsCheck may try.</summary>
        public override bool Pre(ImmutableList<SymOp> model) => Vocabulary.Resolves(model, op);

        public override ImmutableList<SymOp> Run(ImmutableList<SymOp> model) => model.Add(op);

        public override Property Check(Session actual, ImmutableList<SymOp> model)
        {
            actual.Ops.Add(op);
            bool fails = PlantedBug.Fails(Vocabulary.ToScenario(actual.Ops));
            if (fails)
                actual.Sink.Failed(actual.Ops);
            return (!fails).ToProperty();
        }

        public override string ToString() => op.ToString();
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
