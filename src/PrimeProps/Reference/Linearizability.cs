using PrimeProps.Execution;
using PrimeProps.Tracing;

namespace PrimeProps.Reference;

/// <summary>
/// The verdict on a history: explained, or the longest explained prefix and what broke it; or,
/// with <see cref="Undecided"/> set, neither (the search gave up, saying why).
/// </summary>
public sealed record LinearizabilityResult(bool Linearizable, IReadOnlyList<Call> LongestPrefix, IReadOnlyList<Call> Blocked)
{
    public string? Undecided { get; init; }
}

/// <summary>
/// Is there an order of the calls, consistent with real time (a call that returned before
/// another was invoked comes first), in which the reference model gives every call its actual
/// result? Depth-first search over "which pending call takes effect next", memoized on the set
/// of linearization points done and the reference state reached. A call that installs an fd
/// has two points (<see cref="ReferenceModel.Part"/>). The release of a drm file whose last
/// fd was closed is a point of its own: it may come once no call that looked the file up is
/// pending, and must come before any call invoked after the last of them returned (the
/// kernel releases the file at that call's fput).
/// </summary>
/// <remarks>
/// Wing and Gong, "Testing and verifying concurrent objects" (JPDC 1993), with Lowe's
/// memoization ("Testing for linearizability", CCPE 2017). The history is cut at quiescent
/// points (every call before the cut returned before any call after it was invoked): real
/// time already puts each segment wholly before the next, so searching segment by segment,
/// each from every state the previous one can end in, is the same search, and a bitmask per
/// segment (at most <see cref="MaxPoints"/> points) names the set done. Before searching, the
/// search's first path is walked alone (no copies, no mask): it explains most histories, of
/// any length; only a longer stretch that it does not explain is left undecided.
/// </remarks>
public static class Linearizability
{
    /// <summary>Linearization points one segment may have (the bits of the set-done mask).</summary>
    public const int MaxPoints = 128;

    /// <summary>Search nodes (after memoization) before the search gives up as undecided.</summary>
    public const int DefaultBudget = 200_000;

    /// <summary>One linearization point: a whole call, or one of the two parts of a call that installs an fd.</summary>
    private readonly record struct Point(Call Call, ReferenceModel.Part Part, int After);

    public static int PointsOf(IEnumerable<Call> history) => history.Sum(c => ReferenceModel.IsSplit(c) ? 2 : 1);

    /// <summary>The history in invocation order, cut wherever no call is in flight.</summary>
    public static List<List<Call>> Segments(IEnumerable<Call> history)
    {
        var segments = new List<List<Call>>();
        int lastReturn = int.MinValue;
        foreach (var c in history.OrderBy(c => c.Invoked))
        {
            if (segments.Count == 0 || c.Invoked > lastReturn)
                segments.Add([]);
            segments[^1].Add(c);
            lastReturn = Math.Max(lastReturn, c.Returned);
        }
        return segments;
    }

    public static LinearizabilityResult Check(IReadOnlyList<Call> history, ReferenceState initial, int budget = DefaultBudget)
    {
        var segments = Segments(history).Select(PointsIn).ToArray();
        var releaseBy = history.SelectMany(c => c.Resolved.Select(f => (f, c.Returned)))
            .GroupBy(p => p.f).ToDictionary(g => g.Key, g => g.Max(p => p.Returned));
        // The first path needs no set-done mask, so it also explains stretches too long for the search.
        if (FirstPath(segments, releaseBy, initial, budget) is { } order)
            return new LinearizabilityResult(true, Calls(order), []);
        if (segments.FirstOrDefault(s => s.Length > MaxPoints) is { } big)
            return new LinearizabilityResult(false, [], []) { Undecided = $"a stretch of {big.Length} linearization points with no quiescent point (at most {MaxPoints})" };
        var search = new Search(segments, releaseBy, budget);
        try
        {
            bool found = search.Run(0, UInt128.Zero, initial);
            return new LinearizabilityResult(found, Calls(found ? search.Order : search.Best), found ? [] : Calls(search.Blocked));
        }
        catch (BudgetExhausted)
        {
            return new LinearizabilityResult(false, [], []) { Undecided = $"no verdict within {budget} search nodes" };
        }
    }

    /// <summary>
    /// The search's first path, walked on one copy of the state: at every node the releases it
    /// tries first, then the lowest pending point. Most histories are explained this way, and
    /// the search would find exactly this order; walking it without the search's copy of the
    /// state per tried point (and its memo keys) is what keeps the oracle cheap. Null as soon
    /// as a point does not fit: the search then starts from the beginning. It counts the
    /// search's nodes as the search would (one per point taken, one per release), so a path
    /// longer than the budget is left to the search, which gives up on it the same way.
    /// </summary>
    private static List<Point>? FirstPath(Point[][] segments, Dictionary<int, int> releaseBy, ReferenceState initial, int budget)
    {
        var state = initial.Clone();
        var order = new List<Point>();
        int nodes = 0;
        foreach (var points in segments)
        {
            var done = new bool[points.Length];
            for (int taken = 0; taken < points.Length; taken++)
            {
                if (++nodes > budget)
                    return null;
                int firstReturn = int.MaxValue;
                for (int i = 0; i < points.Length; i++)
                    if (!done[i])
                        firstReturn = Math.Min(firstReturn, points[i].Call.Returned);
                int releaseDeadline = int.MaxValue;
                foreach (int file in state.Closing.Count == 0 ? [] : state.Closing.ToList())
                {
                    int kernelFile = state.KernelFile[(ReferenceState.Target.Drm, file)];
                    if (Held(points, kernelFile, done))
                        releaseDeadline = Math.Min(releaseDeadline, releaseBy[kernelFile]);
                    else if (++nodes > budget)
                        return null;
                    else
                        ReferenceModel.Release(state, file);
                }
                int next = -1;
                for (int i = 0; i < points.Length && next < 0; i++)
                {
                    var p = points[i];
                    if (!done[i] && !(p.After >= 0 && !done[p.After]) && p.Call.Invoked <= firstReturn && p.Call.Invoked <= releaseDeadline)
                        next = i;
                }
                if (next < 0 || !ReferenceModel.Step(state, points[next].Call, points[next].Part))
                    return null;
                order.Add(points[next]);
                done[next] = true;
            }
        }
        return order;
    }

    private static bool Held(Point[] points, int kernelFile, bool[] done)
    {
        for (int j = 0; j < points.Length; j++)
            if (!done[j] && points[j].Call.Resolved.Contains(kernelFile))
                return true;
        return false;
    }

    private static Point[] PointsIn(List<Call> segment)
    {
        var points = new List<Point>();
        foreach (var c in segment)
        {
            if (ReferenceModel.IsSplit(c))
            {
                points.Add(new Point(c, ReferenceModel.Part.Effect, -1));
                points.Add(new Point(c, ReferenceModel.Part.Install, points.Count - 1));
            }
            else
                points.Add(new Point(c, ReferenceModel.Part.Whole, -1));
        }
        return [.. points];
    }

    private static List<Call> Calls(IEnumerable<Point> points)
        => points.Where(p => p.Part != ReferenceModel.Part.Effect).Select(p => p.Call).Distinct(ReferenceEqualityComparer.Instance).Cast<Call>().ToList();

    private sealed class BudgetExhausted : Exception;

    /// <param name="releaseBy">For each kernel file, the step by which the last call that looked it up had returned.</param>
    private sealed class Search(Point[][] segments, Dictionary<int, int> releaseBy, int budget)
    {
        private readonly HashSet<(int, UInt128, string)> seen = [];
        private int nodes;
        public List<Point> Order { get; } = [];
        public List<Point> Best { get; private set; } = [];
        public List<Point> Blocked { get; private set; } = [];

        private static bool Has(UInt128 set, int i) => (set & (UInt128.One << i)) != UInt128.Zero;

        public bool Run(int segment, UInt128 done, ReferenceState state)
        {
            var points = segments.Length > 0 ? segments[segment] : [];
            if ((int)UInt128.PopCount(done) == points.Length)
                return segment + 1 >= segments.Length || Run(segment + 1, UInt128.Zero, state);
            // Memoized are the nodes that failed: a node on the way to a linearization is never
            // met twice (every step adds a point or releases a file). So no key is made until a
            // first node has failed, and a history explained at the first try makes none.
            string? key = null;
            if (seen.Count > 0 && seen.Contains((segment, done, key = state.Key())))
                return false;
            if (++nodes > budget)
                throw new BudgetExhausted();
            if (Explore(segment, done, state, points))
                return true;
            seen.Add((segment, done, key ?? state.Key()));
            return false;
        }

        private bool Explore(int segment, UInt128 done, ReferenceState state, Point[] points)
        {

            int firstReturn = int.MaxValue;
            for (int i = 0; i < points.Length; i++)
                if (!Has(done, i))
                    firstReturn = Math.Min(firstReturn, points[i].Call.Returned);

            int releaseDeadline = int.MaxValue;
            foreach (int file in state.Closing)
            {
                int kernelFile = state.KernelFile[(ReferenceState.Target.Drm, file)];
                if (Held(points, kernelFile, done))
                {
                    releaseDeadline = Math.Min(releaseDeadline, releaseBy[kernelFile]);
                    continue;
                }
                var released = state.Clone();
                ReferenceModel.Release(released, file);
                if (Run(segment, done, released))
                    return true;
                releaseDeadline = Math.Min(releaseDeadline, releaseBy[kernelFile]);
            }

            var failedHere = new List<Point>();
            for (int i = 0; i < points.Length; i++)
            {
                var p = points[i];
                bool waiting = p.After >= 0 && !Has(done, p.After);
                if (Has(done, i) || waiting || p.Call.Invoked > firstReturn || p.Call.Invoked > releaseDeadline)
                    continue; // not pending yet: something that must come first is not done
                var next = state.Clone();
                if (!ReferenceModel.Step(next, p.Call, p.Part))
                {
                    failedHere.Add(p);
                    continue;
                }
                Order.Add(p);
                if (Run(segment, done | (UInt128.One << i), next))
                    return true;
                Order.RemoveAt(Order.Count - 1);
            }
            if (Order.Count >= Best.Count)
            {
                Best = [.. Order];
                Blocked = failedHere;
            }
            return false;
        }

        /// <summary>Whether a call that looked the kernel file up still has a point to take.</summary>
        private static bool Held(Point[] points, int kernelFile, UInt128 done)
        {
            for (int j = 0; j < points.Length; j++)
                if (!Has(done, j) && points[j].Call.Resolved.Contains(kernelFile))
                    return true;
            return false;
        }
    }
}
