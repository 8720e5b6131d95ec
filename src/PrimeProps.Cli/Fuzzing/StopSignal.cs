using System.Runtime.InteropServices;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM during a campaign: the first one stops AFL++ and lets the
/// campaign go on to triage what was found; a second one ends primeprops at once (AFL++'s
/// crash files stay on disk, and a rerun resumes and triages them).
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly PosixSignalRegistration[] registrations;
    private readonly Action stop;
    private int signals;

    public StopSignal(Action stop)
    {
        this.stop = stop;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public bool Requested => Volatile.Read(ref signals) > 0;

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signals) > 1)
            return; // not cancelled: the default action ends the process
        context.Cancel = true;
        stop();
    }

    public void Dispose()
    {
        foreach (var r in registrations)
            r.Dispose();
    }
}
