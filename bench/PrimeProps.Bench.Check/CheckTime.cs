using System.Diagnostics;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Bench.Check;

/// <summary>One default check of one protocol: wall-clock and the CPU time the process spent.</summary>
internal sealed record CheckTime(string Protocol, int Jobs, double WallSeconds, double CpuSeconds, CheckReport Report)
{
    /// <summary>What `primeprops check -p PROTOCOL --jobs JOBS` does, in process (no process start-up).</summary>
    public static CheckTime Measure(string protocol, int jobs)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var report = new Checker(() => ProtocolRegistry.Create(protocol), new CheckOptions { Jobs = jobs }).Run();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new CheckTime(protocol, jobs, wall, (process.TotalProcessorTime - cpu).TotalSeconds, report);
    }
}
