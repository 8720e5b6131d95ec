using PrimeProps.Execution;
using PrimeProps.Tracing;

namespace PrimeProps.Fuzzing;

/// <summary>
/// The concurrency a run exercised, as features for the fuzzer's coverage map: AFL++ keeps an
/// input that sets a new feature, as it keeps one that reaches a new branch. Only the
/// concurrent phase counts (the setup and the exit run alone). A scheduling point is its
/// kernel function and action with object numbers dropped ("fput: atomic_long_dec_and_test
/// (&amp;file#->f_count)"), so a feature names code, not this run's objects, and how many times
/// the thread's current syscall reached that point before: a syscall that reads one field
/// twice (drm_gem_prime_handle_to_fd reads obj->export_dma_buf before and after the export)
/// has two points, and another thread coming in between them is a new feature.
/// </summary>
/// <remarks>
/// <see cref="InterleavingFeedback.Accesses"/> follows KRACE's alias coverage (M. Xu, S. Kashyap,
/// H. Zhao, T. Kim, "KRACE: Data Race Fuzzing for Kernel File Systems", IEEE S&amp;P 2020): the
/// ordered pairs of accesses to one object by two threads; a plain read paired with a read is
/// no conflict and is left out. The object of an access is the first "name#N" in its action.
/// </remarks>
public static class InterleavingSignal
{
    public static void Report(RunResult run, InterleavingFeedback kind, Action<uint> feature)
    {
        switch (kind)
        {
            case InterleavingFeedback.Switches:
                Switches(run, feature);
                break;
            case InterleavingFeedback.Accesses:
                Accesses(run, feature);
                break;
        }
    }

    private static void Switches(RunResult run, Action<uint> feature)
    {
        int threads = run.Scenario.Threads.Count;
        var points = new Points(threads);
        int lastThread = -1;
        uint lastPoint = 0;
        foreach (var e in run.Trace.Events)
        {
            if (e.Kind != TraceKind.Step || e.Thread < 0 || e.Thread >= threads)
                continue;
            uint point = points.Of(e);
            if (lastThread >= 0 && lastThread != e.Thread)
                feature(Pair(lastPoint, point));
            (lastThread, lastPoint) = (e.Thread, point);
        }
    }

    private static void Accesses(RunResult run, Action<uint> feature)
    {
        int threads = run.Scenario.Threads.Count;
        // Per object, the last access of each thread: its site and whether it was a plain read.
        var lastAccess = new Dictionary<string, (uint Site, bool Read)[]>();
        var points = new Points(threads);
        foreach (var e in run.Trace.Events)
        {
            if (e.Kind != TraceKind.Step || e.Thread < 0 || e.Thread >= threads)
                continue;
            uint site = points.Of(e);
            if (ObjectOf(e.Action) is not { } obj)
                continue;
            bool read = e.Action.StartsWith("read ", StringComparison.Ordinal);
            if (!lastAccess.TryGetValue(obj, out var byThread))
                lastAccess[obj] = byThread = new (uint, bool)[threads];
            for (int t = 0; t < threads; t++)
                if (t != e.Thread && byThread[t].Site != 0 && !(read && byThread[t].Read))
                    feature(Pair(byThread[t].Site, site));
            byThread[e.Thread] = (site, read);
        }
    }

    /// <summary>"obj#1" of "kref_get(&amp;obj#1->refcount)"; null when the action names no object.</summary>
    internal static string? ObjectOf(string action)
    {
        int hash = action.IndexOf('#');
        if (hash <= 0)
            return null;
        int start = hash;
        while (start > 0 && (char.IsLetterOrDigit(action[start - 1]) || action[start - 1] == '_'))
            start--;
        int end = hash + 1;
        while (end < action.Length && char.IsDigit(action[end]))
            end++;
        return start < hash && end > hash + 1 ? action[start..end] : null;
    }

    /// <summary>FNV-1a of the function and the action without the digits after '#'; never 0 (0 marks "no access yet").</summary>
    internal static uint Site(TraceEvent e)
    {
        uint h = 2166136261;
        foreach (var c in e.Function)
            h = (h ^ c) * 16777619;
        h = (h ^ ':') * 16777619;
        bool number = false;
        foreach (var c in e.Action)
        {
            if (number && char.IsDigit(c))
                continue;
            number = c == '#';
            h = (h ^ c) * 16777619;
        }
        return h | 1;
    }

    /// <summary>Per thread, how often each site was reached in the thread's current syscall (op).</summary>
    private sealed class Points(int threads)
    {
        private readonly int[] op = Enumerable.Repeat(-1, threads).ToArray();
        private readonly Dictionary<uint, int>[] seen = [.. Enumerable.Range(0, threads).Select(_ => new Dictionary<uint, int>())];

        /// <summary>The point of a step: its site and its occurrence in the syscall; never 0.</summary>
        public uint Of(TraceEvent e)
        {
            if (op[e.Thread] != e.Op)
            {
                op[e.Thread] = e.Op;
                seen[e.Thread].Clear();
            }
            uint site = Site(e);
            int n = seen[e.Thread].GetValueOrDefault(site);
            seen[e.Thread][site] = n + 1;
            return (site ^ (uint)n * 0x85EBCA6Bu) | 1;
        }
    }

    /// <summary>An ordered pair: (a, b) and (b, a) are different features.</summary>
    private static uint Pair(uint first, uint second) => (first * 0x9E3779B1u) ^ (second + 0x7F4A7C15u) ^ (second >> 7);
}
