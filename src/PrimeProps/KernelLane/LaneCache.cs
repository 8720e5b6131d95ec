namespace PrimeProps.KernelLane;

/// <summary>The folder scripts/kernel-lane.sh prepares: the PVH vmlinux and the base initramfs (busybox, modules, executor, /init).</summary>
public sealed record LaneCache(string Dir)
{
    public const string DefaultDir = ".cache/kernel-lane";
    public const string Qemu = "qemu-system-x86_64";
    public const string QbootRom = "/usr/share/qemu/qboot.rom";

    public string Vmlinux => Path.Combine(Dir, "vmlinux");
    public string BaseInitramfs => Path.Combine(Dir, "base.cpio.gz");

    /// <summary>What is not there, each with how to get it; empty when the lane can boot.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        foreach (var file in new[] { Vmlinux, BaseInitramfs })
            if (!File.Exists(file))
                missing.Add($"{file} (run scripts/kernel-lane.sh {Dir})");
        if (!File.Exists(QbootRom))
            missing.Add($"{QbootRom} (apt-get install qemu-system-x86)");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        if (!path.Any(p => File.Exists(Path.Combine(p, Qemu))))
            missing.Add($"{Qemu} on PATH (apt-get install qemu-system-x86)");
        return missing;
    }
}
