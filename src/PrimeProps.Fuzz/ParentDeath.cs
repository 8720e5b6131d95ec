using System.Runtime.InteropServices;

namespace PrimeProps.Fuzz;

/// <summary>
/// The harness dies with the process that started it. afl-fuzz killed by SIGKILL does not
/// stop its fork server (this process), and SharpFuzz's fork server starts a second copy of
/// this program to run the inputs (Fuzzer.OutOfProcess): both call this first, so a killed
/// campaign leaves no harness behind. Linux only; elsewhere it does nothing.
/// </summary>
internal static class ParentDeath
{
    private const int PR_SET_PDEATHSIG = 1;
    private const int SIGKILL = 9;

    public static void KillWithParent()
    {
        if (!OperatingSystem.IsLinux())
            return;
        _ = prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        // The parent may have died before the call: then nothing will send the signal.
        // (Reparented processes get the init process or a subreaper, which never started us.)
        if (getppid() == 1)
            Environment.Exit(1);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nint arg2, nint arg3, nint arg4, nint arg5);

    [DllImport("libc")]
    private static extern int getppid();
}
