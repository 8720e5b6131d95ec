using System.Reflection;

namespace PrimeProps.Repro;

/// <summary>
/// kernel-lane/prime_ioctls.h, embedded: the uapi structs and ioctl wrappers that the kernel
/// lane's executor includes and every C repro inlines, so the two never drift apart.
/// </summary>
public static class PrimeIoctls
{
    public static string Header { get; } = Load();

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PrimeProps.prime_ioctls.h")
            ?? throw new InvalidOperationException("prime_ioctls.h is not embedded in the assembly");
        return new StreamReader(stream).ReadToEnd();
    }
}
