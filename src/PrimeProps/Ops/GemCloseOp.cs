using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_GEM_CLOSE: the handle goes, and with the object's last handle its name and export link.</summary>
public sealed class GemCloseOp() : OpSpec("gem_close", ValueKind.None, [ValueKind.Fd, ValueKind.Handle], "gem_close"),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp, ISituatedOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_gem_close_ioctl(dev, file_priv, (uint)a.B);

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file) => [ReferenceModel.GemClose(s, file, c.Args.B)];

    public Typed Effect(ResourceView view, Op op, Typed[] args)
    {
        view.CloseHandle(args[1].Handle);
        return Typed.Unknown;
    }

    public int Weight => 12;

    /// <summary>A handle no other thread GEM_CLOSEs; now and then a create_dumb in the same file takes the freed number.</summary>
    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
    {
        if (draft.NeedHandle(view, ops, t => !draft.HandleDestroyers.ContainsKey(t.Handle), destroy: true) is not { } h
            || draft.FdOfFile(view, draft.TypeOf(h).File) is not { } fd)
            return false;
        draft.HandleDestroyers[draft.TypeOf(h).Handle] = view.Thread;
        var op = draft.Make(Kind, Draft.Ref(ValueKind.Fd, fd), Draft.Ref(ValueKind.Handle, h));
        draft.Destroy(view, ops, deferred, op, draft.Table.OwnerOf(h) != view.Thread, () =>
        {
            if (draft.Allowed(OpKind.CreateDumb) && view.IsLive(op[0].Var!))
                draft.Emit(view, ops, draft.Make(OpKind.CreateDumb, op[0]), bad: false);
        });
        return true;
    }

    public Arg[] PlainArgs(Draft draft, ResourceView view) => draft.PlainHandleArgs(view);

    public bool TakesGuessedHandle => true;

    public void Reached(SituationLog log, Call c, TypedOp op)
    {
        if (c.Resolved.Count > 0)
            log.FreedHandles.Add((c.Resolved[0], c.Args.B));
    }

    public void Raced(SituationLog log, Call c, Call d, bool sameObject, bool first)
    {
        if (sameObject && d.Kind == OpKind.HandleToFd)
            log.Add("export-races-gem-close");
        if (sameObject && d.Kind == OpKind.Flink)
            log.Add("flink-races-gem-close");
        if (d.Kind is OpKind.HandleToFd or OpKind.Flink or OpKind.GemClose
            && c.Resolved.Count > 0 && d.Resolved.Count > 0 && c.Resolved[0] == d.Resolved[0] && c.Args.B == d.Args.B)
            log.Add("gem-close-during-ioctl-on-handle");
    }
}
