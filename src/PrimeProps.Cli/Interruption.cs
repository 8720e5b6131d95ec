using System.Runtime.InteropServices;

namespace PrimeProps.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a cancellation: long runs stop between scenarios
/// or shrink candidates, report what they have, and exit; files are written atomically, so
/// nothing is left half written.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration sigint, sigterm;

    public Interruption()
    {
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    }

    public CancellationToken Token => source.Token;

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true; // keep the process: it reports and exits on its own
        source.Cancel();
    }

    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        source.Dispose();
    }
}
