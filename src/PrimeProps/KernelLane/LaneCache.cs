namespace PrimeProps.KernelLane;

/// <summary>
/// The folder scripts/kernel-lane.sh prepares for one kernel, ROOT/VERSION[-rt]: the kernel
/// (a PVH vmlinux, or a bzImage when the kernel has no xz payload with a PVH note) and the base
/// initramfs (busybox, vgem and its modules, the executor, /init).
/// </summary>
public sealed record LaneCache(string Root, LaneKernel Kernel)
{
    public const string DefaultRoot = ".cache/kernel-lane";
    public const string Qemu = "qemu-system-x86_64";
    public const string QbootRom = "/usr/share/qemu/qboot.rom";

    public string Dir => Path.Combine(Root, Kernel.Name);
    public string Vmlinux => Path.Combine(Dir, "vmlinux");
    public string BzImage => Path.Combine(Dir, "vmlinuz");
    public string BaseInitramfs => Path.Combine(Dir, "base.cpio.gz");

    /// <summary>A PVH vmlinux boots through qboot, fast; a bzImage through qemu's default BIOS.</summary>
    public bool Pvh => File.Exists(Vmlinux);

    /// <summary>What is not there, each with how to get it; empty when the lane can boot.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!File.Exists(Vmlinux) && !File.Exists(BzImage))
            missing.Add($"{Vmlinux} or {BzImage} (run {Kernel.PrepareCommand(Root)})");
        if (!File.Exists(BaseInitramfs))
            missing.Add($"{BaseInitramfs} (run {Kernel.PrepareCommand(Root)})");
        if (!File.Exists(QbootRom))
            missing.Add($"{QbootRom} (apt-get install qemu-system-x86)");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        if (!path.Any(p => File.Exists(Path.Combine(p, Qemu))))
            missing.Add($"{Qemu} on PATH (apt-get install qemu-system-x86)");
        return missing;
    }
}
