using PrimeProps.Kernel;

namespace PrimeProps.Tracing;

public enum TraceKind { Step, Return, Fault }

/// <summary>
/// One event of a run. A Step is one scheduling decision: thread <see cref="Thread"/> resumes
/// in <see cref="Function"/> and performs <see cref="Action"/>. A Return is a syscall's result.
/// </summary>
public readonly record struct TraceEvent(TraceKind Kind, int Step, int Thread, int Op, string Function, string Action, long Value)
{
    public string Format(Func<int, string> threadName) => Kind switch
    {
        TraceKind.Step => $"{Step,5} {threadName(Thread),-6} {Function}: {Action}",
        TraceKind.Return => $"      {threadName(Thread),-6} = {Errno.Format(Value)}   ({Action})",
        _ => $"      {threadName(Thread),-6} fault: {Action} fails with -ENOMEM",
    };
}

/// <summary>Everything a run did, as data: steps, syscall results, injected faults.</summary>
public sealed class Trace(int capacity = 0)
{
    /// <summary>The events in order (<paramref name="capacity"/>: room made for them up front).</summary>
    public List<TraceEvent> Events { get; } = new(capacity);

    /// <summary>A stable 64-bit FNV-1a hash of the whole trace, for determinism checks.</summary>
    public ulong Hash()
    {
        ulong h = 14695981039346656037UL;
        void Mix(string s) { foreach (var c in s) { h ^= c; h *= 1099511628211UL; } h ^= 0xff; h *= 1099511628211UL; }
        foreach (var e in Events)
        {
            Mix($"{(int)e.Kind}|{e.Step}|{e.Thread}|{e.Op}|{e.Value}");
            Mix(e.Function);
            Mix(e.Action);
        }
        return h;
    }
}
