namespace PrimeProps.Scenarios;

/// <summary>
/// The allocation sites the protocols pass to kmalloc, so fault lines can name them. A fault
/// line may name any identifier; one that is not listed here simply never fires.
/// </summary>
public static class FaultSites
{
    public static readonly IReadOnlyList<string> All =
        ["drm_prime_member", "dma_buf", "object_idr", "gem_object", "object_name_idr", "dma_buf_attachment", "drm_file",
         "drm_vma_offset_file"]; // appended: the byte codec stores a site as its index here
}
