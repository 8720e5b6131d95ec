using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// A native object has at most one live dma-buf exported from it (notes §6.1). Two mean two
/// exports raced, or a re-export missed the cache, and userspace sees two identities for one buffer.
/// </summary>
public sealed class OneDmaBufPerObject : IOracle
{
    public Violation? AfterStep(KernelState kernel, IReadOnlyList<KObject> touched)
    {
        for (int i = 0; i < touched.Count; i++) // by index: foreach over the interface boxes an enumerator at every step
        {
            var o = touched[i];
            if (o is GemObject { LiveExports: > 1 } obj)
                return TwoLive(kernel, obj);
        }
        return null;
    }

    // Apart from the loop: a lambda capturing the pattern variable would allocate its closure at every step.
    private static Violation TwoLive(KernelState kernel, GemObject obj)
    {
        var bufs = kernel.DmaBufs.Where(b => !b.Freed && b.CountedAsExport && b.RawPriv == obj).ToArray();
        return new Violation(OracleKind.TwoDmaBufsForOneObject,
            $"{obj} has {bufs.Length} live dma-bufs: {string.Join(", ", bufs.Select(b => b.Label))}",
            "", [obj.Label, .. bufs.Select(b => b.Label)]);
    }
}
