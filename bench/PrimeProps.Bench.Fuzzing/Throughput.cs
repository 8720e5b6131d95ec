using System.Diagnostics;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Scenarios.Bytes;

namespace PrimeProps.Bench.Fuzzing;

/// <summary>
/// Executions per second of the fuzz target in this process on one core (no AFL++, the
/// uninstrumented build), and what an execution spends its time on: decoding, the model
/// with every oracle, and the whole execution under each FuzzOptions, for both input formats
/// (byte-codec inputs and choice tapes, each from its own committed seeds and their mutants).
/// </summary>
internal static class Throughput
{
    private const double SecondsPerRow = 3.0;
    private const double WarmUpSeconds = 1.0;

    public static string Table(string protocol, byte[][] bytes, byte[][] tapes)
    {
        Func<LinuxKernel> kernel = () => ProtocolRegistry.Create(protocol);
        var decoded = bytes.Select(b => ScenarioBytes.Decode(b)).ToArray();
        var choices = new FuzzTarget(kernel, new FuzzOptions { Input = FuzzInput.Choices });
        var generated = tapes.Select(t => choices.Decode(t)).ToArray();
        long features = 0;
        FuzzOptions Bytes(int k, InterleavingFeedback f = InterleavingFeedback.None) => new() { Schedules = k, Feedback = f };
        FuzzOptions Tapes(int k, InterleavingFeedback f = InterleavingFeedback.None) => new() { Input = FuzzInput.Choices, Schedules = k, Feedback = f };
        var rows = new (string Stage, int Inputs, Action<int> Exec)[]
        {
            ("decode the bytes only", bytes.Length, i => ScenarioBytes.Decode(bytes[i])),
            ("run the decoded scenario (model, every oracle; its own schedule)", bytes.Length, i => Executor.Run(decoded[i], kernel())),
            ("exec: --schedules 0 --feedback none", bytes.Length, Target(kernel, bytes, Bytes(0), () => features++)),
            ("exec: --schedules 0 --feedback switches", bytes.Length, Target(kernel, bytes, Bytes(0, InterleavingFeedback.Switches), () => features++)),
            ("exec: --schedules 0 --feedback accesses", bytes.Length, Target(kernel, bytes, Bytes(0, InterleavingFeedback.Accesses), () => features++)),
            ("exec: --schedules 4 --feedback none", bytes.Length, Target(kernel, bytes, Bytes(4), () => features++)),
            ("exec: --schedules 4 --feedback accesses", bytes.Length, Target(kernel, bytes, Bytes(4, InterleavingFeedback.Accesses), () => features++)),
            ("exec: --schedules 16 --feedback accesses", bytes.Length, Target(kernel, bytes, Bytes(16, InterleavingFeedback.Accesses), () => features++)),
            ("--input choices: decode the tape only (the typed generator)", tapes.Length, i => choices.Decode(tapes[i])),
            ("--input choices: run the decoded scenario (model, every oracle; its own schedule)", tapes.Length, i => Executor.Run(generated[i], kernel())),
            ("exec: --input choices --schedules 0 --feedback none", tapes.Length, Target(kernel, tapes, Tapes(0), () => features++)),
            ("exec: --input choices --schedules 4 --feedback none", tapes.Length, Target(kernel, tapes, Tapes(4), () => features++)),
            ("exec: --input choices --portfolio 24 --feedback none", tapes.Length, Target(kernel, tapes, Tapes(0) with { Portfolio = 24 }, () => features++)),
        };
        var table = new StringBuilder();
        table.AppendLine($"| {protocol}: stage | inputs | seconds | per second, one core | µs each |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var (_, inputs, exec) in rows) // every row once first: tiered JIT settles before any is timed
            Measure(exec, inputs, WarmUpSeconds);
        foreach (var (stage, inputs, exec) in rows)
        {
            var (count, seconds) = Measure(exec, inputs, SecondsPerRow);
            table.AppendLine($"| {stage} | {count} | {Stats.Format(seconds, "0.00")} | {Stats.Format(count / seconds, "#,0")} | {Stats.Format(seconds * 1e6 / count, "0.0")} |");
        }
        return table.ToString();
    }

    private static Action<int> Target(Func<LinuxKernel> kernel, byte[][] inputs, FuzzOptions options, Action count)
    {
        var target = new FuzzTarget(kernel, options, _ => count());
        return i => target.Run(inputs[i]);
    }

    private static (long Count, double Seconds) Measure(Action<int> exec, int inputs, double seconds)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
            exec((int)(count++ % inputs));
        return (count, clock.Elapsed.TotalSeconds);
    }
}
