using PrimeProps.Kernel;

namespace PrimeProps.Protocols;

/// <summary>
/// drivers/gpu/drm/drm_vma_manager.c of v6.x: the mmap permission each handle gives its file.
/// drm_gem_handle_create_tail allows the file on obj->vma_node and drm_gem_object_release_handle
/// revokes it. Only the allocation can fail, and only for a file's first handle of an object.
/// </summary>
/// <remarks>
/// The write_lock(&amp;node->vm_lock) sections are atomic here, without a scheduling point: vm_lock
/// guards vm_files alone, which nothing else in the model reads, so those sections commute with
/// every other step and a point there would only multiply the schedules.
/// </remarks>
public partial class Modern
{
    /// <summary>vma_node_allow(node, tag, ref_counted: true).</summary>
    protected virtual async KTask<int> drm_vma_node_allow(DrmVmaOffsetNode node, DrmFile tag)
    {
        /* Preallocate entry to avoid atomic allocations below. OOM is checked below only if the entry is actually used. */
        bool allocated = await kmalloc("drm_vma_offset_file");

        /* write_lock(&node->vm_lock) */
        int count = node.vm_count(tag);
        if (count > 0)
        {
            node.set_vm_count(tag, count + 1);
            return 0; // kfree(new)
        }
        if (!allocated)
            return -Errno.ENOMEM;
        node.set_vm_count(tag, 1);
        return 0;
    }

    protected virtual void drm_vma_node_revoke(DrmVmaOffsetNode node, DrmFile tag)
    {
        /* write_lock(&node->vm_lock) */
        int count = node.vm_count(tag);
        if (count > 0)
            node.set_vm_count(tag, count - 1); // the last one: rb_erase and kfree
    }
}
