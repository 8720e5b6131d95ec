using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Bench.History;

/// <summary>
/// `primeprops check -p MUTANT --base modern --seed S` with every other option at its default:
/// the library's CheckOptions defaults, which are the CLI's. The mutant is reviewed as a patch
/// of `modern`, which fails too (its two-stage GEM_CLOSE has real non-linearizable windows):
/// a failure counts only when its scenario and schedule do not fail the same way on `modern`.
/// The one place the benchmark builds a checker, so it follows whatever `check` does by default.
/// </summary>
public static class CheckDefaults
{
    public static Checker For(Func<LinuxKernel> protocol, ulong seed)
        => new(protocol, new CheckOptions { Seed = seed, Base = new BaseComparison(() => new Modern()) });
}
