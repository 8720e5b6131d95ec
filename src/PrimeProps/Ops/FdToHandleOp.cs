using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Reference;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;
using PrimeProps.Tracing;

namespace PrimeProps.Ops;

/// <summary>DRM_IOCTL_PRIME_FD_TO_HANDLE -&gt; handle: the file's handle for a dma-buf (the cached one, else a new one; a new object on another device).</summary>
public sealed class FdToHandleOp() : OpSpec("fd_to_handle", ValueKind.Handle, [ValueKind.Fd, ValueKind.Fd], "fd_to_handle", sites: ["dma_buf_attachment", "gem_object", "object_idr", "drm_vma_offset_file", "drm_prime_member"]),
    IKernelEntry, IReferenceOp, ITypedOp, IDrawnOp, ISituatedOp
{
    public override bool IsClassic => true;

    public KTask<int> Ioctl(LinuxKernel kernel, DrmDevice dev, DrmFile file_priv, SyscallArgs a, Out<long> result)
        => kernel.drm_prime_fd_to_handle_ioctl(dev, file_priv, (int)a.B, result); // args->fd is a __s32

    public long[] Ioctl(ReferenceState s, Call c, ReferenceModel.Part part, ReferenceState.OpenFile file)
        => ReferenceModel.FdToHandle(s, c, file, ReferenceModel.Fd(c.Args.B));

    public Typed Effect(ResourceView view, Op op, Typed[] args)
    {
        var (file, buf) = (args[0], args[1]);
        bool foreign = view.Table.DeviceOfObject(buf.Object) != file.Device;
        int obj = foreign ? view.Table.ImportedObject(file.File, file.Device, buf.Buffer) : buf.Object;
        var origin = foreign ? HandleOrigin.ForeignImport : buf.File == file.File ? HandleOrigin.SelfImport : HandleOrigin.SameDeviceImport;
        if (!view.PrimeCache.TryGetValue((file.File, obj), out var handle) || view.IsHandleClosed(handle))
            view.PrimeCache[(file.File, obj)] = handle = view.Table.NewHandle();
        return new Typed(Resource.Handle, file.Device, file.File, obj, buf.Buffer, handle, origin);
    }

    public int Weight => 20;

    public bool Draw(Draft draft, ResourceView view, List<Op> ops, List<Op> deferred)
        => draft.NeedBuffer(view, ops) is { } buf && draft.ImportTarget(view, draft.TypeOf(buf)) is { } into
           && draft.Emitted(view, ops, draft.Make(Kind, Draft.Ref(ValueKind.Fd, into), Draft.Ref(ValueKind.Fd, buf)));

    public Arg[] PlainArgs(Draft draft, ResourceView view)
        => [draft.RefOrRaw(ValueKind.Fd, draft.Pick(view, t => t.Kind == Resource.DrmFile)), draft.RefOrRaw(ValueKind.Fd, draft.Pick(view, t => t.Kind == Resource.DmaBuf))];

    public void Reached(SituationLog log, Call c, TypedOp op)
    {
        log.Add(op.Result.Origin switch
        {
            HandleOrigin.SelfImport => "self-import",
            HandleOrigin.SameDeviceImport => "import-other-file",
            _ => "import-other-device",
        });
        if (log.OpenedHandles.Any(o => o.Handle.File == op.Result.File && o.Handle.Object == op.Result.Object && o.Returned < c.Invoked))
            log.Add("import-into-file-with-opened-handle");
    }
}
