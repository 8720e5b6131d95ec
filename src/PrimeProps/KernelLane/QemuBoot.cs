using System.Diagnostics;
using System.Text;

namespace PrimeProps.KernelLane;

/// <summary>
/// Boots the cached kernel once under qemu (TCG: nested KVM is unusable on the CI hosts) with
/// a batch appended to the initramfs, and returns the serial console. The fast setup of the
/// recipe: PVH vmlinux, qboot, no NIC; one CPU unless the batch races threads, which get
/// the given number of vCPUs on multi-threaded TCG (one host thread per vCPU).
/// </summary>
public static class QemuBoot
{
    public static string Run(LaneCache cache, string batch, TimeSpan timeout, int cpus = 1)
    {
        var initrd = Path.Combine(Path.GetTempPath(), $"primeprops-initrd-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var f = File.Create(initrd))
            {
                var baseImage = File.ReadAllBytes(cache.BaseInitramfs);
                f.Write(baseImage);
                f.Write(NewcArchive.Padding(baseImage.Length));
                f.Write(NewcArchive.SingleFile("batch.txt", Encoding.ASCII.GetBytes(batch)));
            }
            return Boot(cache, initrd, timeout, cpus);
        }
        finally
        {
            File.Delete(initrd);
        }
    }

    private static string Boot(LaneCache cache, string initrd, TimeSpan timeout, int cpus)
    {
        string[] firmware = cache.Pvh ? ["-bios", LaneCache.QbootRom, "-kernel", cache.Vmlinux] : ["-kernel", cache.BzImage];
        var start = new ProcessStartInfo(LaneCache.Qemu,
        [
            "-accel", cpus > 1 ? "tcg,thread=multi" : "tcg", "-m", "1024", "-smp", $"{cpus}", "-nographic", "-no-reboot", "-nic", "none",
            .. firmware, "-initrd", initrd,
            // panic=-1 with -no-reboot: a guest panic ends qemu at once instead of hanging to the timeout.
            // no_timer_check: on a loaded host, SMP TCG can fail the IO-APIC timer check and panic at boot.
            "-append", "console=ttyS0 panic=-1 quiet no_timer_check",
        ])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var qemu = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {LaneCache.Qemu}");
        qemu.StandardInput.Close();
        var stdout = qemu.StandardOutput.ReadToEndAsync();
        var stderr = qemu.StandardError.ReadToEndAsync();
        if (!qemu.WaitForExit(timeout))
        {
            qemu.Kill(entireProcessTree: true);
            qemu.WaitForExit();
            return stdout.Result + $"\nKL ! qemu killed after {timeout.TotalSeconds:0} s\n";
        }
        qemu.WaitForExit();
        return stdout.Result + (qemu.ExitCode != 0 ? $"\nKL ! qemu exit {qemu.ExitCode}: {stderr.Result.Trim()}\n" : "");
    }
}
