namespace PrimeProps.KernelLane;

/// <summary>
/// A Debian kernel the lane boots: the 6.1 or 6.12 line, optionally its PREEMPT_RT build
/// (where preemption inside a window is more likely), and the protocol it is compared with.
/// </summary>
public sealed record LaneKernel(string Version, bool Rt)
{
    public static readonly LaneKernel Default = new("6.1", false);

    /// <summary>The protocol each kernel line is compared with: its own version's (<see cref="KernelProtocols"/>).</summary>
    public static IReadOnlyDictionary<string, string> ProtocolOf => KernelProtocols.BySeries;

    public static IEnumerable<string> Versions => ProtocolOf.Keys;

    /// <summary>The kernel of a known version; null for any other.</summary>
    public static LaneKernel? TryCreate(string version, bool rt) => ProtocolOf.ContainsKey(version) ? new LaneKernel(version, rt) : null;

    /// <summary>Its cache folder's name under the lane's cache root, and how the command line names it.</summary>
    public string Name => Rt ? $"{Version}-rt" : Version;

    public string Protocol => ProtocolOf[Version];

    /// <summary>The command that prepares this kernel's cache folder.</summary>
    public string PrepareCommand(string root) => $"scripts/kernel-lane.sh --kernel {Version}{(Rt ? " --rt" : "")} {root}";
}
