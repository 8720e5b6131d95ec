using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace MapDumb;

/// <summary>
/// DRM_IOCTL_MODE_MAP_DUMB (struct drm_mode_map_dumb: __u32 handle, pad; __u64 offset): the
/// fake mmap offset of a dumb buffer. The scenario line is <c>map_dumb FD HANDLE</c>; the
/// offset is an address the model does not follow, so the call returns nothing. One
/// declaration, the same mechanism as every built-in call: the text name and arguments, the C
/// wrapper, the kernel entry (a virtual function of <see cref="ModernWithMapDumb"/>), the
/// reference semantics, the typing and the generator's picks.
/// </summary>
public sealed class MapDumbOp() : OpSpec("map_dumb", ValueKind.None, [ValueKind.Fd, ValueKind.Handle], "map_dumb"),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp
{
    /// <summary>This op's number in this process (registering again returns the one registered).</summary>
    public static OpKind Id => OpSpec.Register(new MapDumbOp()).Kind;

    public override string CWrapper => """
        struct drm_mode_map_dumb { uint32_t handle; uint32_t pad; uint64_t offset; };
        #define DRM_IOCTL_MODE_MAP_DUMB _IOWR('d', 0xb3, struct drm_mode_map_dumb)
        static inline long map_dumb(long fd, long handle)
        {
        	struct drm_mode_map_dumb arg = { .handle = (uint32_t)handle };
        	return ret_or_errno(ioctl((int)fd, DRM_IOCTL_MODE_MAP_DUMB, &arg));
        }
        """;

    // drm_ioctls[]: DRM_IOCTL_DEF(DRM_IOCTL_MODE_MAP_DUMB, drm_mode_mmap_dumb_ioctl, 0); drm_ioctl
    // only calls it for a kernel whose Ops list the op, so the cast holds.
    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => ((ModernWithMapDumb)kernel).drm_mode_mmap_dumb_ioctl(dev, file_priv, (uint)a.B, result);

    /// <summary>Today's uapi: 0 for a handle of the file, ENOENT for any other number; nothing changes.</summary>
    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => [file.Handles.ContainsKey(ReferenceModel.Handle(c.Args.B)) ? 0 : -Errno.ENOENT];

    public Typed Effect(ResourceView view, Op op, Typed[] args) => Typed.Unknown;

    public int Weight => 6;

    /// <summary>Any live handle with an fd of its file (a create_dumb first when there is none).</summary>
    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedHandle(view, ops, _ => true) is { } h && draft.FdOfFile(view, draft.TypeOf(h).File) is { } fd
           && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, fd), Draft.Ref(ValueKind.Handle, h)));

    public Arg[] PlainArgs(Draft draft, ResourceView view) => draft.PlainHandleArgs(view);

    public bool TakesGuessedHandle => true;
}
