using PrimeProps.Execution;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>open("/dev/dri/cardN") -&gt; fd: a new drm file (drm_open, drm_open_helper).</summary>
public sealed class OpenOp() : OpSpec("open", ValueKind.Fd, [ValueKind.Device], "sys_open_card", sites: ["drm_file"]), IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    public override bool IsClassic => true;

    public KTask<long> Syscall(LinuxKernel kernel, Op op, SyscallArgs a) => kernel.sys_open(a.Device!);

    public long[] Apply(ReferenceState s, Call c, ReferenceModel.Part part) => ReferenceModel.Open(s, c, part);

    public Typed Effect(ResourceView view, Op op, Typed[] args)
        => new(Resource.DrmFile, view.Table.DeviceOf(op.Args[0].Var!), view.Table.NewFile());

    public int Weight => 3;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.Emitted(view, ops, draft.Make(Kind, draft.DeviceArg(draft.Rng.Next(draft.DeviceCount))));

    /// <summary>Never asked for: an open has no argument bad input could spoil (its device is declared).</summary>
    public Arg[] PlainArgs(Draft draft, ResourceView view) => [draft.DeviceArg(0)];
}
