using PrimeProps.Kernel;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Execution;

/// <summary>
/// The kernel facet of an op's declaration (<see cref="OpSpec"/>): where the syscall enters the
/// kernel. Most calls are ioctls on a drm fd: <see cref="LinuxKernel.sys_ioctl"/> pins the file,
/// <see cref="LinuxKernel.drm_ioctl"/> checks the era's drm_ioctls[] and calls
/// <see cref="Ioctl"/>, which is the table row's <c>func</c>: one call of a virtual kernel
/// function of <see cref="LinuxKernel"/> (or of a user's subclass), with the ioctl struct's
/// fields converted the way the C declares them.
/// </summary>
public interface IKernelEntry
{
    /// <summary>The syscall: an ioctl on the drm fd in the first argument unless the call is another syscall (open, close, dup).</summary>
    KTask<long> Syscall(LinuxKernel kernel, Op op, SyscallArgs a) => kernel.sys_ioctl(op.Kind, a);

    /// <summary>drm_ioctls[nr].func: returns 0 or -errno, with the ioctl's output value in <paramref name="result"/>.</summary>
    KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result) => NotAnIoctl();

    private static async KTask<int> NotAnIoctl() => -Errno.ENOTTY;
}
