namespace PrimeProps.KernelLane;

/// <summary>
/// Which protocol models which kernel the lane boots: `--kernel 6.1` compares with `v6.1`,
/// and a guest's `uname -r` ("6.1.0-57-amd64", "6.12.107+deb12-amd64") names its protocol.
/// </summary>
public static class KernelProtocols
{
    /// <summary>Kernel series (as `--kernel` takes it) to the protocol that models it.</summary>
    public static IReadOnlyDictionary<string, string> BySeries { get; } = new Dictionary<string, string>
    {
        ["6.1"] = "v6.1",
        ["6.12"] = "v6.12",
    };

    /// <summary>The protocol for a kernel series or release ("6.12", "6.12.107+deb12-amd64"), or null when none models it.</summary>
    public static string? For(string kernel)
    {
        var parts = kernel.Split('.', 3);
        if (parts.Length < 2)
            return null;
        int end = 0;
        while (end < parts[1].Length && char.IsAsciiDigit(parts[1][end]))
            end++;
        return BySeries.GetValueOrDefault($"{parts[0]}.{parts[1][..end]}");
    }
}
