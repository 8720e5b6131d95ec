using PrimeProps.Kernel;

namespace PrimeProps.Oracles;

/// <summary>
/// A lockdep-style validator: every acquisition of B while holding A adds the edge A -> B
/// between lock classes, remembering where it was first seen. An acquisition whose edge closes
/// a cycle is a violation even if this run never deadlocked: another schedule would.
/// </summary>
/// <remarks>Same-class nesting is not ordered here (the kernel annotates it with subclasses).</remarks>
public sealed class LockOrderGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> edges = []; // from -> (to -> where first seen)
    private readonly Dictionary<int, List<KMutex>> held = [];

    /// <summary>Records that <paramref name="thread"/> acquired <paramref name="mutex"/>; a violation if it inverts a known order.</summary>
    public Violation? Acquired(int thread, string threadName, KMutex mutex, string function, int step)
    {
        var holding = Held(thread);
        foreach (var h in holding)
        {
            if (h.Class == mutex.Class || Edge(h.Class, mutex.Class) is not null)
                continue;
            if (PathFrom(mutex.Class, h.Class) is { } reverse)
            {
                var here = $"{threadName} takes {mutex.Class} while holding {h.Class} in {function} at step {step}";
                return new Violation(OracleKind.LockOrderInversion,
                    $"possible deadlock: {here}; but earlier {string.Join(", then ", reverse)}", function, []);
            }
            if (!edges.TryGetValue(h.Class, out var outgoing))
                edges[h.Class] = outgoing = [];
            outgoing[mutex.Class] = $"{threadName} took {mutex.Class} while holding {h.Class} in {function} at step {step}";
        }
        holding.Add(mutex);
        return null;
    }

    public void Released(int thread, KMutex mutex) => Held(thread).Remove(mutex);

    private List<KMutex> Held(int thread)
    {
        if (!held.TryGetValue(thread, out var list))
            held[thread] = list = [];
        return list;
    }

    private string? Edge(string from, string to)
        => edges.TryGetValue(from, out var outgoing) && outgoing.TryGetValue(to, out var where) ? where : null;

    /// <summary>The chain of first-seen acquisitions leading from one class to another, if any (BFS, deterministic order).</summary>
    private List<string>? PathFrom(string from, string to)
    {
        var previous = new Dictionary<string, string> { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == to)
            {
                var chain = new List<string>();
                for (var n = to; n != from; n = previous[n])
                    chain.Insert(0, Edge(previous[n], n)!);
                return chain;
            }
            if (!edges.TryGetValue(at, out var outgoing))
                continue;
            foreach (var next in outgoing.Keys)
                if (previous.TryAdd(next, at))
                    queue.Enqueue(next);
        }
        return null;
    }
}
