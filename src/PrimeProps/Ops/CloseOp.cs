using PrimeProps.Execution;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>close(fd): any fd, a drm file's or a dma-buf's; the file goes at its last fput.</summary>
public sealed class CloseOp() : OpSpec("close", ValueKind.None, [ValueKind.Fd], "sys_close"), IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp, ISituatedOp
{
    public override bool IsClassic => true;

    public KTask<long> Syscall(LinuxKernel kernel, Op op, SyscallArgs a) => kernel.sys_close((uint)a.A);

    public long[] Apply(ReferenceState s, Call c, ReferenceModel.Part part) => [ReferenceModel.Close(s, c)];

    public bool Accepts(ValueKind kind, int slot, Typed value, Typed file) => value.IsFd;

    public Typed Effect(ResourceView view, Op op, Typed[] args)
    {
        view.CloseFd(op.Args[0].Var!, args[0]);
        return Typed.Unknown;
    }

    public int Weight => 14;

    /// <summary>A drm file's fd or a dma-buf's (by the swarm's share), one no other thread closes; now and then a dup takes the freed number.</summary>
    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
    {
        bool ofFile = draft.Rng.Chance(draft.Swarm.CloseFile);
        Func<Typed, bool> closable = t => t.Kind == (ofFile ? Resource.DrmFile : Resource.DmaBuf);
        var fd = draft.Choose(view, draft.Live(view, closable).Where(v => !draft.FdDestroyers.ContainsKey(v) && !draft.IsForeign(view, v)).ToList());
        if (fd is null)
            return false;
        draft.FdDestroyers[fd] = view.Thread;
        draft.Destroy(view, ops, deferred, draft.Make(Kind, Draft.Ref(ValueKind.Fd, fd)), draft.Table.OwnerOf(fd) != view.Thread, () =>
        {
            if (draft.Allowed(OpKind.Dup) && draft.Pick(view, t => t.IsFd) is { } any)
                draft.Emit(view, ops, draft.Make(OpKind.Dup, Draft.Ref(ValueKind.Fd, any)), bad: false);
        });
        return true;
    }

    public Arg[] PlainArgs(Draft draft, ResourceView view) => [draft.RefOrRaw(ValueKind.Fd, draft.Pick(view, t => t.IsFd))];

    public Func<Typed, bool>? WrongKind(ValueKind kind, int slot, Typed file) => null; // any fd fits

    public void Raced(SituationLog log, Call c, Call d, bool sameObject, bool first)
    {
        if (d.Kind == OpKind.FdToHandle && d.Resolved.Count > 1 && c.Resolved.Count > 0 && d.Resolved[1] == c.Resolved[0])
            log.Add("import-races-close-of-its-fd");
        if (c.Resolved.Count > 0 && d.Kind != Kind && d.Resolved.Contains(c.Resolved[0]))
            log.Add("fd-closed-during-ioctl-on-it");
    }
}
