using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Reference;

/// <summary>
/// The reference facet of an op's declaration (<see cref="OpSpec"/>): its sequential semantics
/// as today's uapi defines them. <see cref="Apply"/> moves the state on for the call with the
/// result the kernel gave and returns the results the reference allows (none: no result fits).
/// An ioctl states only its own part, <see cref="Ioctl"/>: the fd lookup, ENOTTY on a file
/// that is not a drm file and EINVAL for an ioctl the kernel under test lacks come first, in
/// <see cref="ReferenceModel.Ioctl"/>, the same for every ioctl.
/// </summary>
public interface IReferenceOp
{
    /// <summary>The whole call: by default an ioctl on the drm fd in its first argument.</summary>
    long[] Apply(ReferenceState s, Call c, ReferenceModel.Part part) => ReferenceModel.Ioctl(s, c, part, this);

    /// <summary>The ioctl on <paramref name="file"/>, the drm file its fd named when the kernel looked it up.</summary>
    long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => throw new NotSupportedException($"{GetType().Name} declares no reference semantics for an ioctl");

    /// <summary>Whether the fd the call installs has FD_CLOEXEC (open passes no O_CLOEXEC, dup clears it).</summary>
    bool CloseOnExec(Call c) => false;
}
