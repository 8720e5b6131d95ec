using CsCheck;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Bench.Shrinking;

/// <summary>
/// CsCheck's Sample over op lists of PrimeProps' shape (1-2 opens, 1-2 creates, 1-6 ops),
/// one thread. CsCheck shrinks by sampling on and keeping the failing case of the smallest
/// size, so after the first failure it spends the rest of its iteration budget shrinking.
/// </summary>
internal static class CsCheckDriver
{
    private static readonly Gen<SymOp[]> Ops =
        from opens in OpOf(OpKind.Open).Array[1, Vocabulary.MaxOpens]
        from creates in OpOf(OpKind.CreateDumb).Array[1, Vocabulary.MaxCreates]
        from rest in Gen.Frequency([.. Vocabulary.Weights.Select(w => (w.Weight, OpOf(w.Op)))]).Array[1, Vocabulary.MaxOps]
        select Bound([.. opens, .. creates, .. rest]);

    /// <summary>CsCheck takes no numeric seed for a whole run (its seeds replay one case), so the 20 runs are 20 unseeded runs.</summary>
    public static ShrinkHunt Run(int maxCases)
    {
        var sink = new FailureSink();
        try
        {
            Ops.Sample(ops =>
            {
                sink.NewCase();
                bool fails = PlantedBug.Fails(Vocabulary.ToScenario(ops));
                if (fails)
                    sink.Failed(ops);
                return !fails;
            }, writeLine: _ => { }, iter: maxCases, threads: 1);
        }
        catch (CsCheckException)
        {
            // the failure, shrunk; the sink has it
        }
        return sink.Result();
    }

    private static Gen<SymOp> OpOf(OpKind kind)
        => Vocabulary.Params(kind)
            .Aggregate(Gen.Const(Array.Empty<SymArg>()), (args, param) => args.SelectMany(xs => ArgOf(param).Select(x => (SymArg[])[.. xs, x])))
            .Select(args => new SymOp(SymOp.Unbound, kind, args));

    /// <summary>Each drawn op bound to the values made before it.</summary>
    private static SymOp[] Bound(SymOp[] drawn)
    {
        var bound = new List<SymOp>();
        foreach (var op in drawn)
            bound.Add(Vocabulary.Bind(bound, op));
        return [.. bound];
    }

    private static Gen<SymArg> ArgOf(ValueKind kind)
    {
        if (kind == ValueKind.Flags)
            return Gen.Frequency((100 - Vocabulary.BadReferencePercent, Gen.Const(new SymArg(false, Vocabulary.GoodFlags))),
                                 (Vocabulary.BadReferencePercent, Gen.Const(new SymArg(false, Vocabulary.BadFlags))));
        var (lo, hi) = Vocabulary.RawRange(kind);
        return Gen.Frequency((100 - Vocabulary.BadReferencePercent, Gen.Int[0, Vocabulary.MaxOrdinal].Select(n => new SymArg(true, n))),
                             (Vocabulary.BadReferencePercent, Gen.Int[lo, hi].Select(n => new SymArg(false, n))));
    }
}
