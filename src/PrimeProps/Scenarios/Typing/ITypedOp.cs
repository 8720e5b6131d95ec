namespace PrimeProps.Scenarios.Typing;

/// <summary>
/// The typing facet of an op's declaration (<see cref="OpSpec"/>): which resource each of its
/// arguments takes and what its result stands for. <see cref="ResourceView"/> reads scenarios
/// with it, so the generator, the classifier of bad input and the situations agree by construction.
/// </summary>
public interface ITypedOp
{
    /// <summary>
    /// Whether <paramref name="value"/> is of the resource the fd, handle or name argument
    /// <paramref name="slot"/> (of kind <paramref name="kind"/>) takes, given the drm file
    /// <paramref name="file"/> of the first argument. By default an ioctl's: the drm file first,
    /// then a dma-buf for another fd, a handle of that file, a name of its device.
    /// </summary>
    bool Accepts(ValueKind kind, int slot, Typed value, Typed file) => kind switch
    {
        ValueKind.Fd => value.Kind == (slot == 0 ? Resource.DrmFile : Resource.DmaBuf),
        ValueKind.Name => value.Kind == Resource.Name && value.Device == file.Device,
        _ => value.Kind == Resource.Handle && value.File == file.File,
    };

    /// <summary>
    /// What the call's result stands for, given its arguments' types (each known and of the
    /// right resource), and what it closes (through <paramref name="view"/>);
    /// <see cref="Typed.Unknown"/> for a call that returns nothing.
    /// </summary>
    Typed Effect(ResourceView view, Op op, Typed[] args);
}
