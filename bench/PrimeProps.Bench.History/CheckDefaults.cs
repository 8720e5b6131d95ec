using PrimeProps.Execution;
using PrimeProps.Search;

namespace PrimeProps.Bench.History;

/// <summary>
/// `primeprops check -p P --seed S` with every other option at its default: the library's
/// CheckOptions defaults, which are the CLI's. The one place the benchmark builds a checker,
/// so it follows whatever `check` does by default.
/// </summary>
public static class CheckDefaults
{
    public static Checker For(Func<LinuxKernel> protocol, ulong seed) => new(protocol, new CheckOptions { Seed = seed });
}
