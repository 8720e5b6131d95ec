using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;
using static PrimeProps.Reference.ReferenceState;

namespace PrimeProps.Reference;

// The PRIME calls of the reference: HANDLE_TO_FD and FD_TO_HANDLE, with the file's prime cache.
public static partial class ReferenceModel
{
    internal static long[] HandleToFd(ReferenceState s, Call c, Part part, OpenFile file, int handle, long flags)
    {
        if ((flags & ~(long)(PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR)) != 0)
            return [-Errno.EINVAL];
        if (s.ExportOrder == ExportFdOrder.ReserveFirst && FdTableFull(s))
            return [-Errno.EMFILE]; // the fd is reserved before anything is looked up
        if (!file.Handles.TryGetValue(handle, out int buffer))
            return [-Errno.ENOENT];
        int buf = file.Cache.FirstOrDefault(e => e.Handle == handle).Buf;
        if (buf == 0)
        {
            var b = s.Buffers[buffer];
            buf = b.ImportOf != 0 ? b.ImportOf : b.Link;
            if (buf == 0)
            {
                if (Fails(c, "dma_buf"))
                    return [-Errno.ENOMEM];
                buf = s.NewId();
                s.DmaBufExporter[buf] = buffer;
                s.DmaBufReadWrite[buf] = (flags & PrimeFlags.DRM_RDWR) != 0;
                b.Link = buf;
            }
            if (Fails(c, "drm_prime_member"))
                return [-Errno.ENOMEM]; // obj->dma_buf was set before the cache insert failed: the export link stays
            PrimeCacheTree.Add(file, buf, handle);
        }
        if (FdTableFull(s))
            return [-Errno.EMFILE]; // exported and cached all the same: only the fd is missing
        return Installs(s, c, part, (Target.DmaBuf, buf));
    }

    internal static long[] FdToHandle(ReferenceState s, Call c, OpenFile file, long fd)
    {
        if (Looked(s, c, 1, fd, out var t) is { } err)
            return [err];
        if (t.Kind != Target.DmaBuf)
            return [-Errno.EINVAL];
        var cached = PrimeCacheTree.Lookup(file, t.Id);
        if (cached.Length > 0)
            return cached; // the handles the kernel's rb-tree can give, over every address order
        int exporter = s.DmaBufExporter[t.Id];
        int buffer = exporter;
        bool handleFails = Fails(c, "object_idr") || Fails(c, "drm_prime_member") || VmaAllowFails(c, file, buffer);
        if (s.Buffers[exporter].Device != file.Device)
        {
            if (s.Devices[file.Device] == DeviceKind.ExportOnly)
                return [-Errno.EINVAL];
            if (Fails(c, "dma_buf_attachment") || Fails(c, "gem_object") || handleFails || Fails(c, "drm_vma_offset_file"))
                return [-Errno.ENOMEM]; // the importer object is freed with its only reference
            buffer = s.NewId();
            s.Buffers[buffer] = new SharedBuffer(file.Device, t.Id);
        }
        if (handleFails)
            return [OwnImportFails(s, buffer, t.Id)];
        if (s.Buffers[buffer].Link == 0)
            s.Buffers[buffer].Link = t.Id;
        int handle = NewHandle(s, c, file, buffer);
        PrimeCacheTree.Add(file, t.Id, handle);
        return [handle];
    }
}
