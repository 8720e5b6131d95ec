using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_GEM_OPEN -&gt; handle: a new handle of the object a name stands for, in any file of its device.</summary>
public sealed class GemOpenOp() : OpSpec("gem_open", ValueKind.Handle, [ValueKind.Fd, ValueKind.Name], "gem_open", sites: ["object_idr", "drm_vma_offset_file"]),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp, ISituatedOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_gem_open_ioctl(dev, file_priv, (uint)a.B, result);

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file) => [ReferenceModel.GemOpen(s, c, file)];

    public Typed Effect(ResourceView view, Op op, Typed[] args)
        => new(Resource.Handle, args[0].Device, args[0].File, args[1].Object, Handle: view.Table.NewHandle(), Origin: HandleOrigin.Opened);

    public int Weight => 10;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedName(view, ops) is { } name && draft.OpenTarget(view, draft.TypeOf(name)) is { } at
           && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, at), Draft.Ref(ValueKind.Name, name)));

    public Arg[] PlainArgs(Draft draft, ResourceView view)
    {
        var file = draft.Pick(view, t => t.Kind == Resource.DrmFile);
        var name = file is null ? null : draft.Pick(view, t => t.Kind == Resource.Name && t.Device == draft.TypeOf(file).Device);
        return [draft.RefOrRaw(ValueKind.Fd, file), draft.RefOrRaw(ValueKind.Name, name)];
    }

    public void Reached(SituationLog log, Call c, TypedOp op)
    {
        log.Add(op.Args[1].File == op.Args[0].File ? "gem-open-own-name" : "flink-open-across-files");
        log.OpenedHandles.Add((op.Result, c.Returned));
    }
}
