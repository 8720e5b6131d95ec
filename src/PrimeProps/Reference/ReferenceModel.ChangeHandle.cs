using PrimeProps.Kernel;
using PrimeProps.Tracing;
using static PrimeProps.Reference.ReferenceState;

namespace PrimeProps.Reference;

public static partial class ReferenceModel
{
    /// <summary>
    /// GEM_CHANGE_HANDLE (drm_gem_change_handle_ioctl after 1a4f03d22fb6): the object moves
    /// from <paramref name="handle"/> to <paramref name="newHandle"/> in the same file; the
    /// result is the new handle. The checks come in the kernel's order: new_handle above
    /// INT_MAX, the same handle (success without a lookup), new_handle taken (ENOSPC from
    /// idr_alloc), the old handle missing. When the object has an export link, the file's
    /// cache gets an entry for the new handle (for that dma-buf, even if the old handle had
    /// none) and loses the old handle's: an insert, then an erase, as the kernel's tree sees it.
    /// </summary>
    internal static long ChangeHandle(ReferenceState s, Call c, OpenFile file, uint handle, uint newHandle)
    {
        if (newHandle > int.MaxValue)
            return -Errno.EINVAL;
        if (handle == newHandle)
            return newHandle;
        if (newHandle == 0)
            return long.MinValue; // idr_alloc(.., 0, 1) on a base-1 idr takes the lowest free id, and the ioctl then warns: no result fits
        if (newHandle >= Idr<object>.ModelLimit)
            return -Errno.ENOMEM; // the model's idr does not reach so far (Idr.ModelLimit)
        if (file.Handles.ContainsKey(newHandle))
            return -Errno.ENOSPC;
        if (Handle(handle) is not (> 0 and var old) || !file.Handles.TryGetValue(old, out int buffer))
            return -Errno.ENOENT;
        int link = s.Buffers[buffer].Link;
        if (link != 0)
        {
            if (Fails(c, "drm_prime_member"))
                return -Errno.ENOMEM; // both slots restored, nothing cached
            PrimeCacheTree.Add(file, link, (int)newHandle);
            PrimeCacheTree.Remove(file, old);
        }
        file.Handles.Remove(old);
        file.Handles[(int)newHandle] = buffer;
        return newHandle;
    }
}
