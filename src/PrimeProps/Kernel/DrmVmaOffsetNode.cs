namespace PrimeProps.Kernel;

/// <summary>
/// struct drm_vma_offset_node (include/drm/drm_vma_manager.h), the part of obj->vma_node that
/// handle creation touches: vm_files, the drm files allowed to mmap the object, each with
/// vm_count, how many of that file's handles hold the permission (drm_vma_node_allow is
/// reference-counted since 5.x). The kernel keeps them in an rb-tree keyed by the file
/// pointer; a dictionary keyed by the file is the same map. The mmap offset itself is not
/// modelled: no scenario maps a buffer.
/// </summary>
public sealed class DrmVmaOffsetNode
{
    private readonly Dictionary<DrmFile, int> vmFiles = [];

    /// <summary>The files with an entry (struct drm_vma_offset_file) and their vm_count: model bookkeeping for the leak oracle.</summary>
    internal IEnumerable<KeyValuePair<DrmFile, int>> RawEntries => vmFiles;

    /// <summary>vm_count of <paramref name="tag"/>'s struct drm_vma_offset_file, 0 when it has none.</summary>
    public int vm_count(DrmFile tag) => vmFiles.GetValueOrDefault(tag);

    /// <summary>Sets <paramref name="tag"/>'s vm_count; 0 erases its entry (rb_erase and kfree).</summary>
    public void set_vm_count(DrmFile tag, int count)
    {
        if (count == 0)
            vmFiles.Remove(tag);
        else
            vmFiles[tag] = count;
    }
}
