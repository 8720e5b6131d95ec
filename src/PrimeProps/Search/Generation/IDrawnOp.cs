using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

/// <summary>
/// The generator facet of an op's declaration (<see cref="OpSpec"/>): its weight among the
/// calls a thread draws and how it picks its arguments through the <see cref="Draft"/> being
/// drawn. Every pick goes through the draft's random stream, so a declaration's draws are part
/// of the recorded choices: changing one changes every scenario drawn after it.
/// </summary>
public interface IDrawnOp
{
    /// <summary>Relative weight among the calls a thread draws (<see cref="GeneratorOptions.OpWeights"/>).</summary>
    int Weight { get; }

    /// <summary>
    /// Draws the call with good input into <paramref name="ops"/>: each argument a live value
    /// of the resource its slot takes, the calls that make a missing one first; false when
    /// nothing fits this view. A destroy of a value other threads share may go to
    /// <paramref name="deferred"/>, the thread's end.
    /// </summary>
    bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred);

    /// <summary>What a good call would take, without adding calls: live values where there are some, raw numbers where not.</summary>
    Arg[] PlainArgs(Draft draft, ResourceView view);

    /// <summary>
    /// Which live values are of the wrong resource for argument <paramref name="slot"/> (a bad
    /// input the kernel must refuse), or null when any value would fit. By default an ioctl's:
    /// a dma-buf as the drm file, a drm file as the dma-buf, a name of another device, a handle
    /// of another file.
    /// </summary>
    Func<Typed, bool>? WrongKind(ValueKind kind, int slot, Typed file) => kind switch
    {
        ValueKind.Fd => slot == 0 ? t => t.Kind == Resource.DmaBuf : t => t.Kind == Resource.DrmFile,
        ValueKind.Name => t => t.Kind == Resource.Name && t.Device != file.Device,
        _ => t => t.Kind == Resource.Handle && t.File != file.File,
    };

    /// <summary>Whether the call takes a drm fd and a handle first, so a thread may guess the handle another thread's creation gets.</summary>
    bool TakesGuessedHandle => false;

    /// <summary>The arguments of a call on a guessed handle number: the fd and the raw handle, then the call's own.</summary>
    Arg[] GuessedArgs(Draft draft, Arg fd, Arg handle) => [fd, handle];
}
