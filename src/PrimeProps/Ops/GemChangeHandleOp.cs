using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>
/// DRM_IOCTL_GEM_CHANGE_HANDLE (Linux 6.18+; struct drm_gem_change_handle: __u32 handle,
/// new_handle) -&gt; the new handle: the ioctl returns 0 and new_handle is the caller's, so the
/// op returns it for later ops to name. Not classic: only eras whose drm_ioctls[] has it reach
/// the kernel function, and the generator draws it only for them.
/// </summary>
public sealed class GemChangeHandleOp() : OpSpec("gem_change_handle", ValueKind.Handle, [ValueKind.Fd, ValueKind.Handle, ValueKind.Number], "gem_change_handle"),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_gem_change_handle_ioctl(dev, file_priv, (uint)a.B, (uint)a.C, result);

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => [ReferenceModel.ChangeHandle(s, c, file, (uint)c.Args.B, (uint)c.Args.C)];

    /// <summary>The object moves to a new handle of the same file; the old one is gone, and so is its cache entry.</summary>
    public Typed Effect(ResourceView view, Op op, Typed[] args)
    {
        var (file, old) = (args[0], args[1]);
        view.CloseHandle(old.Handle);
        var moved = old with { Handle = view.Table.NewHandle() };
        if (view.PrimeCache.TryGetValue((file.File, old.Object), out var cached) && cached == old.Handle)
            view.PrimeCache[(file.File, old.Object)] = moved.Handle;
        return moved;
    }

    public int Weight => 6;

    /// <summary>Any live handle, shared ones too: another thread's GEM_CLOSE of the old number is the race its history fixed.</summary>
    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedHandle(view, ops, _ => true) is { } moved && draft.FdOfFile(view, draft.TypeOf(moved).File) is { } in_
           && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, in_), Draft.Ref(ValueKind.Handle, moved), draft.NewHandleNumber()));

    public Arg[] PlainArgs(Draft draft, ResourceView view) => [.. draft.PlainHandleArgs(view), draft.NewHandleNumber()];
}
