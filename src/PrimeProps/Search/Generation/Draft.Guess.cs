using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

public sealed partial class Draft
{
    /// <summary>Handles of other threads' creations whose number a thread guessed, in draw order (the generator may fault their creation).</summary>
    public List<string> GuessedCreations { get; } = [];

    /// <summary>
    /// A GEM_CLOSE, FLINK or export of a handle number guessed the way a racing thread guesses
    /// it: the number another thread's creation (CREATE_DUMB, GEM_OPEN, FD_TO_HANDLE) gets in a
    /// file both threads hold, if each earlier handle of that file took the next number (now
    /// and then one off). The kernel puts a handle in the file's idr before the ioctl returns
    /// it, so a guess reaches the handle while its creation is still running: the window of
    /// bd46cece51a3 and of the flink and GEM_CLOSE races. The number is raw, so the call counts
    /// as deliberately bad input. Null when no other thread creates a handle in a reachable file.
    /// </summary>
    private Op? GuessOp(ResourceView view, OpKind kind)
    {
        if (OpSpec.Of(kind) is not IDrawnOp { TakesGuessedHandle: true } drawn)
            return null;
        var reachable = Live(view, t => t.Kind == Resource.DrmFile).Select(v => TypeOf(v).File).ToHashSet();
        var creations = table.Variables.Where(v => TypeOf(v).Kind == Resource.Handle && IsForeign(view, v) && reachable.Contains(TypeOf(v).File)).ToList();
        if (creations.Count == 0)
            return null;
        var target = rng.Pick(creations);
        var fd = FdOfFile(view, TypeOf(target).File)!;
        long number = PredictedHandle(target) + (rng.Chance(20) ? rng.Pick([-1L, 1L]) : 0);
        GuessedCreations.Add(target);
        return Make(kind, drawn.GuessedArgs(this, Ref(ValueKind.Fd, fd), Arg.Number(ValueKind.Handle, number)));
    }

    /// <summary>1 + the distinct handles drawn before <paramref name="handle"/> in its file: idr_alloc hands out the lowest free number from 1.</summary>
    private int PredictedHandle(string handle)
    {
        var file = TypeOf(handle).File;
        return 1 + table.Variables.TakeWhile(v => v != handle)
            .Select(TypeOf).Where(t => t.Kind == Resource.Handle && t.File == file).Select(t => t.Handle).Distinct().Count();
    }
}
