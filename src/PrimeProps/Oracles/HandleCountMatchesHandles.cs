using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// Between syscalls, handle_count equals the number of handle-table slots (in every file)
/// that point at the object, and no slot points at a freed object (notes §6.2).
/// </summary>
public sealed class HandleCountMatchesHandles : IOracle
{
    public Violation? AtQuiescence(KernelState kernel, IReadOnlyList<KObject> touched)
    {
        for (int i = 0; i < touched.Count; i++) // by index: foreach over the interface boxes an enumerator at every step
        {
            var o = touched[i];
            if (o is not GemObject obj)
                continue;
            if (obj.Freed && obj.IdrSlots > 0)
                return new Violation(OracleKind.UseAfterFree,
                    $"{obj} is freed but {obj.IdrSlots} handle(s) still point at it", "", [obj.Label]);
            if (!obj.Freed && obj.RawHandleCount != obj.IdrSlots)
                return new Violation(OracleKind.HandleCountMismatch,
                    $"{obj}->handle_count is {obj.RawHandleCount} but {obj.IdrSlots} handle(s) point at it", "", [obj.Label]);
        }
        return null;
    }
}
