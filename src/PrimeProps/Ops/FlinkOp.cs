using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_GEM_FLINK -&gt; name: the object's global name on its device, made on the first flink.</summary>
public sealed class FlinkOp() : OpSpec("flink", ValueKind.Name, [ValueKind.Fd, ValueKind.Handle], "gem_flink", sites: ["object_name_idr"]),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_gem_flink_ioctl(dev, file_priv, (uint)a.B, result);

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => [ReferenceModel.Flink(s, c, file, ReferenceModel.Handle(c.Args.B))];

    public Typed Effect(ResourceView view, Op op, Typed[] args) => new(Resource.Name, args[0].Device, args[0].File, args[1].Object);

    public int Weight => 8;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedHandle(view, ops, _ => true) is { } handle && draft.FdOfFile(view, draft.TypeOf(handle).File) is { } owner
           && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, owner), Draft.Ref(ValueKind.Handle, handle)));

    public Arg[] PlainArgs(Draft draft, ResourceView view) => draft.PlainHandleArgs(view);

    public bool TakesGuessedHandle => true;
}
