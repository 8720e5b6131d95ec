using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Tracing;

namespace PrimeProps.Reference;

/// <summary>
/// Injected allocation faults (ENOMEM) as today's kernel leaves them. A call in which a fault
/// fired must fail with ENOMEM exactly where its path allocates at that site, and leaves:
/// <list type="bullet">
/// <item>drm_file (open), dma_buf (export), gem_object (create, import),
/// dma_buf_attachment (import), object_name_idr (flink): nothing; the half-built object
/// is freed with its only reference.</item>
/// <item>object_idr (drm_gem_handle_create_tail's idr_preload), drm_vma_offset_file
/// (its drm_vma_node_allow, which fails only for the file's first handle of the object: a
/// later one counts on the entry the first made) and drm_prime_member in
/// FD_TO_HANDLE (the handle is deleted again): the object's handle_count went up and back
/// down; if it reaches 0, drm_gem_object_handle_put_unlocked drops the flink name and the
/// export link, so an own-device re-import sets the export link only when the object still
/// has other handles. (GEM_OPEN and CREATE_DUMB leave nothing.)</item>
/// <item>drm_prime_member in HANDLE_TO_FD: export_and_register_object already set
/// obj->dma_buf, so a new export link stays; no cache entry and no fd.</item>
/// </list>
/// Not modelled: in FD_TO_HANDLE's drm_prime_member failure the handle exists for a moment
/// before drm_gem_handle_delete, so a racing GEM_CLOSE of a guessed handle number could close
/// it; the reference allows no such window.
/// </summary>
public static partial class ReferenceModel
{
    /// <summary>Whether the allocation at <paramref name="site"/> failed during <paramref name="c"/>.</summary>
    private static bool Fails(Call c, string site) => c.Fault == site;

    /// <summary>Whether drm_vma_node_allow failed: its allocation did, and <paramref name="file"/> holds no handle of <paramref name="buffer"/> yet.</summary>
    private static bool VmaAllowFails(Call c, ReferenceState.OpenFile file, int buffer)
        => Fails(c, "drm_vma_offset_file") && !file.Handles.Items.Any(h => h.Value == buffer);

    /// <summary>FD_TO_HANDLE of an own-device dma-buf whose handle creation failed: see the class remarks.</summary>
    private static long OwnImportFails(ReferenceState s, int buffer, int dmaBuf)
    {
        var b = s.Buffers[buffer];
        if (b.HandleCount > 0 && b.Link == 0)
            b.Link = dmaBuf;
        return -Errno.ENOMEM;
    }
}
