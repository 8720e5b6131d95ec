using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

internal sealed partial class Draft
{
    /// <summary>
    /// A call with deliberately bad input: the arguments a good call would take where they
    /// exist (raw numbers where not), then one argument spoilt: a raw number (a bad one or the
    /// next fd a racing thread would guess), a value of the wrong resource, a value this
    /// thread already closed, or bad export flags.
    /// </summary>
    private Op BadOp(ResourceView view, OpKind kind)
    {
        var args = PlainArgs(view, kind);
        var spec = OpSpec.Of(kind);
        var slots = Enumerable.Range(0, args.Length).Where(i => spec.Params[i] is ValueKind.Fd or ValueKind.Handle or ValueKind.Name or ValueKind.Flags).ToList();
        int slot = rng.Pick(slots);
        var file = args[0].IsRef ? TypeOf(args[0].Var!) : Typed.Invalid;
        int roll = rng.Next(100);
        args[slot] = spec.Params[slot] == ValueKind.Flags
            ? Arg.Number(ValueKind.Flags, rng.Pick([0x4L, PrimeFlags.DRM_RDWR | 0x4, PrimeFlags.DRM_CLOEXEC | 0x1, -1]))
            : (roll < 40 ? null : roll < 70 ? WrongKind(view, kind, slot, file) : ClosedValue(view, kind, slot, file)) ?? Raw(spec.Params[slot]);
        return Make(kind, args);
    }

    /// <summary>What a good call would take, without adding calls: live values where there are some, raw numbers where not.</summary>
    private Arg[] PlainArgs(ResourceView view, OpKind kind)
    {
        Arg Or(ValueKind k, string? var) => var is null ? Raw(k) : Ref(k, var);
        switch (kind)
        {
            case OpKind.CreateDumb:
                return [Or(ValueKind.Fd, Pick(view, t => t.Kind == Resource.DrmFile))];
            case OpKind.GemClose or OpKind.Flink or OpKind.HandleToFd:
            {
                var h = Pick(view, t => t.Kind == Resource.Handle && FdOfFile(view, t.File) is not null);
                Arg[] pair = h is null ? [Raw(ValueKind.Fd), Raw(ValueKind.Handle)] : [Ref(ValueKind.Fd, FdOfFile(view, TypeOf(h).File)!), Ref(ValueKind.Handle, h)];
                return kind == OpKind.HandleToFd ? [.. pair, Flags()] : pair;
            }
            case OpKind.FdToHandle:
                return [Or(ValueKind.Fd, Pick(view, t => t.Kind == Resource.DrmFile)), Or(ValueKind.Fd, Pick(view, t => t.Kind == Resource.DmaBuf))];
            case OpKind.GemOpen:
            {
                var file = Pick(view, t => t.Kind == Resource.DrmFile);
                var name = file is null ? null : Pick(view, t => t.Kind == Resource.Name && t.Device == TypeOf(file).Device);
                return [Or(ValueKind.Fd, file), Or(ValueKind.Name, name)];
            }
            case OpKind.GemChangeHandle:
            {
                var h = Pick(view, t => t.Kind == Resource.Handle && FdOfFile(view, t.File) is not null);
                Arg[] pair = h is null ? [Raw(ValueKind.Fd), Raw(ValueKind.Handle)] : [Ref(ValueKind.Fd, FdOfFile(view, TypeOf(h).File)!), Ref(ValueKind.Handle, h)];
                return [.. pair, NewHandleNumber()];
            }
            default: // close, dup
                return [Or(ValueKind.Fd, Pick(view, t => t.IsFd))];
        }
    }

    /// <summary>
    /// GEM_CHANGE_HANDLE's new_handle: mostly a small number, free or taken (handles are the
    /// lowest free from 1); now and then one the ioctl refuses (above INT_MAX) or far above
    /// the others. Never 0: that one makes today's ioctl warn (idr_alloc on a base-1 idr), a
    /// finding of its own kept in the catalog, not drawn by every check of modern.
    /// </summary>
    private Arg NewHandleNumber() => Arg.Number(ValueKind.Number, rng.Next(10) switch
    {
        0 => rng.Chance(50) ? 0x80000000L : 0xffffffffL,
        1 => 0x100 + rng.Next(0, 15), // past the idr's first 64-slot node; higher ones only cost the model's dense table (check time)
        _ => rng.Next(1, 6),
    });

    /// <summary>A raw number: an fd number, half of the time the next one the kernel hands out (as a racing thread guesses), or a small handle or name.</summary>
    private Arg Raw(ValueKind kind) => kind == ValueKind.Fd
        ? Arg.Number(kind, rng.Chance(50) ? nextFd + rng.Next(0, 1) : rng.Next(-1, 8))
        : Arg.Number(kind, rng.Next(0, 4));

    /// <summary>A live value of the wrong resource for the slot, or null when there is none.</summary>
    private Arg? WrongKind(ResourceView view, OpKind kind, int slot, Typed file)
    {
        string? var = (kind, slot) switch
        {
            (OpKind.Close or OpKind.Dup, _) => null, // any fd fits
            (OpKind.FdToHandle, 1) => Pick(view, t => t.Kind == Resource.DrmFile),
            (_, 0) => Pick(view, t => t.Kind == Resource.DmaBuf),
            (OpKind.GemOpen, 1) => Pick(view, t => t.Kind == Resource.Name && t.Device != file.Device),
            _ => Pick(view, t => t.Kind == Resource.Handle && t.File != file.File),
        };
        return var is null ? null : Ref(OpSpec.Of(kind).Params[slot], var);
    }

    /// <summary>A value of the right resource for the slot that this thread (or the setup) already closed, or null.</summary>
    private Arg? ClosedValue(ResourceView view, OpKind kind, int slot, Typed file)
    {
        Func<Typed, bool> fits = (kind, slot) switch
        {
            (OpKind.Close or OpKind.Dup, _) => t => t.IsFd,
            (OpKind.FdToHandle, 1) => t => t.Kind == Resource.DmaBuf,
            (_, 0) => t => t.Kind == Resource.DrmFile,
            (OpKind.GemOpen, 1) => _ => false, // names are never closed in the reading
            _ => t => t.Kind == Resource.Handle && t.File == file.File,
        };
        var closed = table.Variables.Where(v => view.IsClosed(v) && fits(TypeOf(v))).ToList();
        return closed.Count == 0 ? null : Ref(OpSpec.Of(kind).Params[slot], rng.Pick(closed));
    }
}
