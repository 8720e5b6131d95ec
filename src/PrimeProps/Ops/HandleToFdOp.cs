using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_PRIME_HANDLE_TO_FD -&gt; fd: the object's dma-buf (one per object) on a new fd.</summary>
public sealed class HandleToFdOp() : OpSpec("handle_to_fd", ValueKind.Fd, [ValueKind.Fd, ValueKind.Handle, ValueKind.Flags], "handle_to_fd", 1, Arg.Number(ValueKind.Flags, 0), sites: ["dma_buf", "drm_prime_member"]),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp, ISituatedOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_prime_handle_to_fd_ioctl(dev, file_priv, (uint)a.B, (uint)a.C, result);

    // struct drm_prime_handle's flags is a __u32
    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => ReferenceModel.HandleToFd(s, c, part, file, ReferenceModel.Handle(c.Args.B), (uint)c.Args.C);

    public bool CloseOnExec(Call c) => (c.Args.C & PrimeFlags.DRM_CLOEXEC) != 0;

    public Typed Effect(ResourceView view, Op op, Typed[] args)
    {
        var (file, h) = (args[0], args[1]);
        int buffer = view.Table.BufferFor(h.Object, file.File);
        view.PrimeCache.TryAdd((file.File, h.Object), h.Handle);
        var (obj, device, exporter) = view.Table.Buffer(buffer);
        return new Typed(Resource.DmaBuf, device, exporter, obj, buffer);
    }

    public int Weight => 20;

    /// <summary>Now and then (the swarm's share) a re-export of a handle imported from another device; else any handle.</summary>
    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
    {
        var h = draft.Rng.Chance(draft.Swarm.ReExport) ? draft.Pick(view, t => t is { Kind: Resource.Handle, Origin: HandleOrigin.ForeignImport }) : null;
        h ??= draft.NeedHandle(view, ops, _ => true);
        return h is not null && draft.FdOfFile(view, draft.TypeOf(h).File) is { } fd
            && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, fd), Draft.Ref(ValueKind.Handle, h), draft.Flags()));
    }

    public Arg[] PlainArgs(Draft draft, ResourceView view) => [.. draft.PlainHandleArgs(view), draft.Flags()];

    public bool TakesGuessedHandle => true;

    public Arg[] GuessedArgs(Draft draft, Arg fd, Arg handle) => [fd, handle, draft.Flags()];

    public void Reached(SituationLog log, Call c, TypedOp op)
    {
        if (op.Args[1].Origin == HandleOrigin.ForeignImport)
            log.Add("re-export-of-import");
    }

    public void Raced(SituationLog log, Call c, Call d, bool sameObject, bool first)
    {
        if (d.Kind == Kind && sameObject && d.Result >= 0 && first)
            log.Add("exports-race");
    }
}
