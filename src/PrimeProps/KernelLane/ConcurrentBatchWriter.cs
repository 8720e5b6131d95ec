using System.Text;
using PrimeProps.Scenarios;

namespace PrimeProps.KernelLane;

/// <summary>Per-thread spin knobs: after the barrier, a thread spins Delay plus a random number below Jitter iterations before its first op.</summary>
public readonly record struct ThreadKnob(long Delay, long Jitter);

/// <summary>A concurrent scenario run <see cref="Runs"/> times: a fresh child process per run, or one process closing every fd between runs (<see cref="ForkPerRun"/> false).</summary>
public sealed record ConcurrentJob(ConcurrentScenario Scenario, int Runs, bool ForkPerRun, IReadOnlyList<ThreadKnob> Knobs)
{
    public ThreadKnob KnobOf(int thread) => thread < Knobs.Count ? Knobs[thread] : default;
}

/// <summary>The batch lines of kernel-lane/concurrent.c (its header comment is the format): C, the setup's O lines, a T line and the O lines per thread, E.</summary>
public static class ConcurrentBatchWriter
{
    public static string Write(IEnumerable<ConcurrentJob> jobs)
    {
        var w = new StringBuilder();
        foreach (var job in jobs)
        {
            var s = job.Scenario.Scenario;
            var ops = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).ToList();
            w.Append($"C {job.Runs} {(job.ForkPerRun ? "fork" : "loop")} {job.Scenario.Label.ReplaceLineEndings(" ")}\n");
            int k = 0;
            for (; k < s.Setup.Count; k++)
                w.Append("O ").Append(BatchWriter.OpLine(ops, k, earlierOnly: false)).Append('\n');
            for (int t = 0; t < s.Threads.Count; t++)
            {
                var knob = job.KnobOf(t);
                w.Append($"T {knob.Delay} {knob.Jitter}\n");
                foreach (var _ in s.Threads[t].Ops)
                    w.Append("O ").Append(BatchWriter.OpLine(ops, k++, earlierOnly: false)).Append('\n');
            }
            w.Append("E\n");
        }
        return w.ToString();
    }
}
