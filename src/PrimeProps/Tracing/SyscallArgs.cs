namespace PrimeProps.Tracing;

/// <summary>A syscall's arguments as numbers: A, B, C in signature order.</summary>
public struct SyscallArgs
{
    public long A, B, C;
    public Kernel.DrmDevice? Device;
    public int Width, Height, Bpp;
}
