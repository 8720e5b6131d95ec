using PrimeProps.Execution;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>dup(fd) -&gt; fd: the same struct file on the lowest free fd, FD_CLOEXEC cleared.</summary>
public sealed class DupOp() : OpSpec("dup", ValueKind.Fd, [ValueKind.Fd], "sys_dup"), IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    public override bool IsClassic => true;

    public KTask<long> Syscall(LinuxKernel kernel, Op op, SyscallArgs a) => kernel.sys_dup((uint)a.A);

    public long[] Apply(ReferenceState s, Call c, ReferenceModel.Part part) => ReferenceModel.Dup(s, c, part);

    public bool Accepts(ValueKind kind, int slot, Typed value, Typed file) => value.IsFd;

    public Typed Effect(ResourceView view, Op op, Typed[] args) => args[0];

    public int Weight => 5;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.Pick(view, t => t.IsFd) is { } any && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, any)));

    public Arg[] PlainArgs(Draft draft, ResourceView view) => [draft.RefOrRaw(ValueKind.Fd, draft.Pick(view, t => t.IsFd))];

    public Func<Typed, bool>? WrongKind(ValueKind kind, int slot, Typed file) => null; // any fd fits
}
