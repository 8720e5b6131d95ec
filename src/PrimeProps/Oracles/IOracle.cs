using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// An invariant of the kernel state. Each check looks only at what the run touched since the
/// last check (incremental), so the cost per step stays flat as live objects grow.
/// </summary>
public interface IOracle
{
    /// <summary>After every step, over the objects that step touched.</summary>
    Violation? AfterStep(KernelState kernel, IReadOnlyList<KObject> touched) => null;

    /// <summary>When no thread is inside a syscall, over everything touched since the last such point.</summary>
    Violation? AtQuiescence(KernelState kernel, IReadOnlyList<KObject> touched) => null;

    /// <summary>Once the process has exited (every fd and drm file closed).</summary>
    Violation? AtTeardown(KernelState kernel) => null;
}
