using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_MODE_CREATE_DUMB -&gt; handle: a new GEM object with its first handle.</summary>
public sealed class CreateDumbOp() : OpSpec("create_dumb", ValueKind.Handle, [ValueKind.Fd, ValueKind.Dims], "create_dumb", 1, Arg.DimsOf(1, 1, 32), sites: ["gem_object", "object_idr", "drm_vma_offset_file"]),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_mode_create_dumb_ioctl(dev, file_priv, a.Width, a.Height, a.Bpp, result);

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file) => [ReferenceModel.CreateDumb(s, c, file)];

    public Typed Effect(ResourceView view, Op op, Typed[] args)
        => new(Resource.Handle, args[0].Device, args[0].File, view.Table.NewObject(args[0].Device), Handle: view.Table.NewHandle(), Origin: HandleOrigin.Created);

    public int Weight => 8;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedFile(view, ops) is { } file && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, file)));

    public Arg[] PlainArgs(Draft draft, ResourceView view) => [draft.RefOrRaw(ValueKind.Fd, draft.Pick(view, t => t.Kind == Resource.DrmFile))];
}
