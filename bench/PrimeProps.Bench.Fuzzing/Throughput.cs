using System.Diagnostics;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Bench.Fuzzing;

/// <summary>
/// Executions per second of the fuzz target in this process on one core (no AFL++, the
/// uninstrumented build), and what an execution spends its time on: decoding, the model
/// alone, the model with every oracle, and the whole execution under each FuzzOptions.
/// </summary>
internal static class Throughput
{
    private const double SecondsPerRow = 3.0;
    private const double WarmUpSeconds = 1.0;

    public static string Table(string protocol, byte[][] inputs)
    {
        var scenarios = inputs.Select(b => ScenarioBytes.Decode(b)).ToArray();
        Func<LinuxKernel> kernel = () => ProtocolRegistry.Create(protocol);
        long features = 0;
        var rows = new (string Stage, Action<int> Exec)[]
        {
            ("decode the bytes only", i => ScenarioBytes.Decode(inputs[i])),
            ("run the decoded scenario (model, every oracle; its own schedule)", i => Executor.Run(scenarios[i], kernel())),
            ("exec: --schedules 0 --feedback none", Target(kernel, new FuzzOptions(), () => features++)),
            ("exec: --schedules 0 --feedback switches", Target(kernel, new FuzzOptions { Feedback = InterleavingFeedback.Switches }, () => features++)),
            ("exec: --schedules 0 --feedback accesses", Target(kernel, new FuzzOptions { Feedback = InterleavingFeedback.Accesses }, () => features++)),
            ("exec: --schedules 4 --feedback none", Target(kernel, new FuzzOptions { Schedules = 4 }, () => features++)),
            ("exec: --schedules 4 --feedback accesses", Target(kernel, new FuzzOptions { Schedules = 4, Feedback = InterleavingFeedback.Accesses }, () => features++)),
            ("exec: --schedules 16 --feedback accesses", Target(kernel, new FuzzOptions { Schedules = 16, Feedback = InterleavingFeedback.Accesses }, () => features++)),
        };
        var table = new StringBuilder();
        table.AppendLine($"| {protocol}: stage | inputs | seconds | per second, one core | µs each |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var (_, exec) in rows) // every row once first: tiered JIT settles before any is timed
            Measure(exec, inputs.Length, WarmUpSeconds);
        foreach (var (stage, exec) in rows)
        {
            var (count, seconds) = Measure(exec, inputs.Length, SecondsPerRow);
            table.AppendLine($"| {stage} | {count} | {Stats.Format(seconds, "0.00")} | {Stats.Format(count / seconds, "#,0")} | {Stats.Format(seconds * 1e6 / count, "0.0")} |");
        }
        return table.ToString();
    }

    private static Action<int> Target(Func<LinuxKernel> kernel, FuzzOptions options, Action count)
    {
        byte[][]? inputs = null;
        var target = new FuzzTarget(kernel, options, _ => count());
        return i => target.Run((inputs ??= Current)[i]);
    }

    /// <summary>The inputs of the table being measured (the targets index into them).</summary>
    internal static byte[][] Current { get; set; } = [];

    private static (long Count, double Seconds) Measure(Action<int> exec, int inputs, double seconds)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
            exec((int)(count++ % inputs));
        return (count, clock.Elapsed.TotalSeconds);
    }
}
