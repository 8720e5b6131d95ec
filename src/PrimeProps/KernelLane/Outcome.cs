using System.Globalization;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.KernelLane;

/// <summary>
/// What userspace can see of one run of a concurrent scenario, the litmus test's final state:
/// every op's result (-errno on failure) in op order (the setup, then each thread), the
/// identity of every dma-buf fd as an ordinal of first appearance in that order, the live
/// dma-bufs once every fd is closed, and an abnormal exit. The text form is the guest's
/// (kernel-lane/concurrent.c), so the two sides compare as strings:
/// <c>3 1 4 D1 | 0 | 5 D1 L0</c>.
/// </summary>
public sealed record Outcome(IReadOnlyList<long> Results, IReadOnlyList<int> DmaBufs, IReadOnlyList<int> ThreadStarts, int Live, int? Exit = null)
{
    /// <summary>The canonical text: equal outcomes have equal keys.</summary>
    public string Key { get; } = Format(Results, DmaBufs, ThreadStarts, Live, Exit);

    public bool Equals(Outcome? other) => other is not null && Key == other.Key;
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Key;

    private static string Format(IReadOnlyList<long> results, IReadOnlyList<int> dmaBufs, IReadOnlyList<int> threadStarts, int live, int? exit)
    {
        var s = new StringBuilder();
        for (int k = 0; k < results.Count; k++)
        {
            foreach (int start in threadStarts)
                if (start == k)
                    s.Append("| ");
            s.Append(results[k].ToString(CultureInfo.InvariantCulture)).Append(' ');
            if (dmaBufs[k] > 0)
                s.Append('D').Append(dmaBufs[k]).Append(' ');
        }
        foreach (int start in threadStarts)
            if (start == results.Count)
                s.Append("| ");
        s.Append('L').Append(live);
        if (exit is { } x)
            s.Append(" X").Append(x);
        return s.ToString();
    }

    /// <summary>The guest's text of an outcome; null when it is not one.</summary>
    public static Outcome? Parse(string text)
    {
        var results = new List<long>();
        var dmaBufs = new List<int>();
        var starts = new List<int>();
        int? live = null, exit = null;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "|")
                starts.Add(results.Count);
            else if (token[0] == 'D' && results.Count > 0 && int.TryParse(token.AsSpan(1), CultureInfo.InvariantCulture, out int ord))
                dmaBufs[^1] = ord;
            else if (token[0] == 'L' && int.TryParse(token.AsSpan(1), CultureInfo.InvariantCulture, out int l))
                live = l;
            else if (token[0] == 'X' && int.TryParse(token.AsSpan(1), CultureInfo.InvariantCulture, out int x))
                exit = x;
            else if (long.TryParse(token, CultureInfo.InvariantCulture, out long r))
            {
                results.Add(r);
                dmaBufs.Add(0);
            }
            else
                return null;
        }
        return live is { } n ? new Outcome(results, dmaBufs, starts, n, exit) : null;
    }

    /// <summary>The outcome of a model run that ran to its end; null when an oracle stopped it early (its history is cut short).</summary>
    public static Outcome? Of(Scenario scenario, RunResult run)
    {
        var ops = FlatOps(scenario);
        var calls = run.History.ToDictionary(c => (c.Thread, c.Op));
        var results = new long[ops.Count];
        var dmaBufs = new int[ops.Count];
        var ordinalOf = new Dictionary<int, int>();
        for (int k = 0; k < ops.Count; k++)
        {
            if (!calls.TryGetValue(ops[k], out var call))
                return null;
            results[k] = call.Result;
            if (call.Result >= 0 && call.Installed > 0 && run.Kernel.OpenedFiles[call.Installed - 1].Kind == FileKind.DmaBuf)
                dmaBufs[k] = ordinalOf.TryGetValue(call.Installed, out int ord) ? ord : ordinalOf[call.Installed] = ordinalOf.Count + 1;
        }
        return new Outcome(results, dmaBufs, ThreadStartsOf(scenario), run.Kernel.DmaBufs.Count(d => !d.Freed));
    }

    /// <summary>
    /// Whether this outcome, as the kernel reported it, is <paramref name="model"/>'s: the same
    /// results, the same dma-buf identities up to renaming, and the same leaks, except that a
    /// successful HANDLE_TO_FD whose fd the guest could not identify (a racing close of a guessed
    /// number closed it before the lane looked, so no D ordinal) stands for any dma-buf.
    /// </summary>
    public bool Admits(Outcome model, Scenario scenario)
    {
        if (Equals(model))
            return true;
        if (Live != model.Live || Exit != model.Exit || !Results.SequenceEqual(model.Results) || !ThreadStarts.SequenceEqual(model.ThreadStarts))
            return false;
        var kinds = FlatOps(scenario).Select(p => (p.Thread == Scenario.SetupThread ? scenario.Setup[p.Op] : scenario.Threads[p.Thread].Ops[p.Op]).Kind).ToList();
        var toModel = new Dictionary<int, int>();
        var toKernel = new Dictionary<int, int>();
        for (int k = 0; k < Results.Count; k++)
        {
            int mine = DmaBufs[k], theirs = model.DmaBufs[k];
            if (mine == 0)
            {
                if (theirs != 0 && !(kinds[k] == OpKind.HandleToFd && Results[k] >= 0))
                    return false;
                continue;
            }
            if (theirs == 0 || toModel.GetValueOrDefault(mine, theirs) != theirs || toKernel.GetValueOrDefault(theirs, mine) != mine)
                return false;
            toModel[mine] = theirs;
            toKernel[theirs] = mine;
        }
        return true;
    }

    /// <summary>(thread, op) of every op in outcome order: the setup (thread -1), then each thread.</summary>
    public static IReadOnlyList<(int Thread, int Op)> FlatOps(Scenario s)
        => [.. s.Setup.Select((_, i) => (Scenario.SetupThread, i)), .. s.Threads.SelectMany((t, ti) => t.Ops.Select((_, i) => (ti, i)))];

    /// <summary>Where each thread's ops start in outcome order.</summary>
    public static IReadOnlyList<int> ThreadStartsOf(Scenario s)
    {
        var starts = new List<int>();
        int at = s.Setup.Count;
        foreach (var t in s.Threads)
        {
            starts.Add(at);
            at += t.Ops.Count;
        }
        return starts;
    }
}
