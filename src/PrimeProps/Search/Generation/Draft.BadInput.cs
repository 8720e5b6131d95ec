using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

public sealed partial class Draft
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

    /// <summary>What a good call would take, without adding calls (<see cref="IDrawnOp.PlainArgs"/>).</summary>
    private Arg[] PlainArgs(ResourceView view, OpKind kind) => Drawn(kind).PlainArgs(this, view);

    private static IDrawnOp Drawn(OpKind kind)
        => OpSpec.Of(kind) as IDrawnOp ?? throw new InvalidOperationException($"op '{OpSpec.Of(kind).Name}' declares no generator picks ({nameof(IDrawnOp)})");

    /// <summary>A live value of the resource <paramref name="kind"/> takes, else a raw number.</summary>
    public Arg RefOrRaw(ValueKind kind, string? var) => var is null ? Raw(kind) : Ref(kind, var);

    /// <summary>An fd and a handle of its file, live where there are some, else raw numbers: the start of GEM_CLOSE, FLINK, export and GEM_CHANGE_HANDLE.</summary>
    public Arg[] PlainHandleArgs(ResourceView view)
    {
        var h = Pick(view, t => t.Kind == Resource.Handle && FdOfFile(view, t.File) is not null);
        return h is null ? [Raw(ValueKind.Fd), Raw(ValueKind.Handle)] : [Ref(ValueKind.Fd, FdOfFile(view, TypeOf(h).File)!), Ref(ValueKind.Handle, h)];
    }

    /// <summary>
    /// GEM_CHANGE_HANDLE's new_handle: mostly a small number, free or taken (handles are the
    /// lowest free from 1); now and then one the ioctl refuses (above INT_MAX) or far above
    /// the others. Never 0: that one makes today's ioctl warn (idr_alloc on a base-1 idr), a
    /// finding of its own kept in the catalog, not drawn by every check of modern.
    /// </summary>
    internal Arg NewHandleNumber() => Arg.Number(ValueKind.Number, rng.Next(10) switch
    {
        0 => rng.Chance(50) ? 0x80000000L : 0xffffffffL,
        1 => 0x100 + rng.Next(0, 15), // past the idr's first 64-slot node; higher ones only cost the model's dense table (check time)
        _ => rng.Next(1, 6),
    });

    /// <summary>A raw number: an fd number, half of the time the next one the kernel hands out (as a racing thread guesses), or a small handle or name.</summary>
    public Arg Raw(ValueKind kind) => kind == ValueKind.Fd
        ? Arg.Number(kind, rng.Chance(50) ? nextFd + rng.Next(0, 1) : rng.Next(-1, 8))
        : Arg.Number(kind, rng.Next(0, 4));

    /// <summary>A live value of the wrong resource for the slot (<see cref="IDrawnOp.WrongKind"/>), or null when there is none.</summary>
    private Arg? WrongKind(ResourceView view, OpKind kind, int slot, Typed file)
    {
        var param = OpSpec.Of(kind).Params[slot];
        var var = Drawn(kind).WrongKind(param, slot, file) is { } wrong ? Pick(view, wrong) : null;
        return var is null ? null : Ref(param, var);
    }

    /// <summary>A value of the right resource for the slot (<see cref="ITypedOp.Accepts"/>) that this thread (or the setup) already closed, or null.</summary>
    private Arg? ClosedValue(ResourceView view, OpKind kind, int slot, Typed file)
    {
        var spec = OpSpec.Of(kind);
        var typing = (ITypedOp)spec;
        var closed = table.Variables.Where(v => view.IsClosed(v) && typing.Accepts(spec.Params[slot], slot, TypeOf(v), file)).ToList();
        return closed.Count == 0 ? null : Ref(spec.Params[slot], rng.Pick(closed));
    }
}
