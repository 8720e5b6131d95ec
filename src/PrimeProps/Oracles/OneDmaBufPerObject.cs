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
        foreach (var o in touched)
        {
            if (o is GemObject { LiveExports: > 1 } obj)
            {
                var bufs = kernel.DmaBufs.Where(b => !b.Freed && b.CountedAsExport && b.RawPriv == obj).ToArray();
                return new Violation(OracleKind.TwoDmaBufsForOneObject,
                    $"{obj} has {bufs.Length} live dma-bufs: {string.Join(", ", bufs.Select(b => b.Label))}",
                    "", [obj.Label, .. bufs.Select(b => b.Label)]);
            }
        }
        return null;
    }
}
