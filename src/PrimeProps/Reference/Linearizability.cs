using PrimeProps.Execution;

namespace PrimeProps.Reference;

/// <summary>The verdict on a history: explained, or the longest explained prefix and what broke it.</summary>
public sealed record LinearizabilityResult(bool Linearizable, IReadOnlyList<Call> LongestPrefix, IReadOnlyList<Call> Blocked);

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
/// memoization ("Testing for linearizability", CCPE 2017). Histories are small (at most 62
/// linearization points), so a bitmask names the set done.
/// </remarks>
public static class Linearizability
{
    public const int MaxPoints = 62;

    /// <summary>One linearization point: a whole call, or one of the two parts of a call that installs an fd.</summary>
    private readonly record struct Point(Call Call, ReferenceModel.Part Part, int After);

    public static int PointsOf(IEnumerable<Call> history) => history.Sum(c => ReferenceModel.IsSplit(c) ? 2 : 1);

    public static LinearizabilityResult Check(IReadOnlyList<Call> history, ReferenceState initial)
    {
        var points = new List<Point>();
        foreach (var c in history.OrderBy(c => c.Invoked))
        {
            if (ReferenceModel.IsSplit(c))
            {
                points.Add(new Point(c, ReferenceModel.Part.Effect, -1));
                points.Add(new Point(c, ReferenceModel.Part.Install, points.Count - 1));
            }
            else
                points.Add(new Point(c, ReferenceModel.Part.Whole, -1));
        }
        if (points.Count > MaxPoints)
            throw new ArgumentException($"{points.Count} linearization points; at most {MaxPoints} can be checked", nameof(history));
        var releaseBy = history.SelectMany(c => c.Resolved.Select(f => (f, c.Returned)))
            .GroupBy(p => p.f).ToDictionary(g => g.Key, g => g.Max(p => p.Returned));
        var search = new Search([.. points], releaseBy);
        bool found = search.Run(0UL, initial);
        return new LinearizabilityResult(found, Calls(found ? search.Order : search.Best), found ? [] : Calls(search.Blocked));
    }

    private static List<Call> Calls(IEnumerable<Point> points)
        => points.Where(p => p.Part != ReferenceModel.Part.Effect).Select(p => p.Call).Distinct().ToList();

    /// <param name="releaseBy">For each kernel file, the step by which the last call that looked it up had returned.</param>
    private sealed class Search(Point[] points, Dictionary<int, int> releaseBy)
    {
        private readonly HashSet<(ulong, string)> seen = [];
        public List<Point> Order { get; } = [];
        public List<Point> Best { get; private set; } = [];
        public List<Point> Blocked { get; private set; } = [];

        public bool Run(ulong done, ReferenceState state)
        {
            if (Order.Count == points.Length)
                return true;
            if (!seen.Add((done, state.Key())))
                return false;

            int firstReturn = int.MaxValue;
            for (int i = 0; i < points.Length; i++)
                if ((done & (1UL << i)) == 0)
                    firstReturn = Math.Min(firstReturn, points[i].Call.Returned);

            int releaseDeadline = int.MaxValue;
            foreach (int file in state.Closing)
            {
                int kernelFile = state.KernelFile[(ReferenceState.Target.Drm, file)];
                if (Held(kernelFile, done))
                {
                    releaseDeadline = Math.Min(releaseDeadline, releaseBy[kernelFile]);
                    continue;
                }
                var released = state.Clone();
                ReferenceModel.Release(released, file);
                if (Run(done, released))
                    return true;
                releaseDeadline = Math.Min(releaseDeadline, releaseBy[kernelFile]);
            }

            var failedHere = new List<Point>();
            for (int i = 0; i < points.Length; i++)
            {
                var p = points[i];
                bool waiting = p.After >= 0 && (done & (1UL << p.After)) == 0;
                if ((done & (1UL << i)) != 0 || waiting || p.Call.Invoked > firstReturn || p.Call.Invoked > releaseDeadline)
                    continue; // not pending yet: something that must come first is not done
                var next = state.Clone();
                if (!ReferenceModel.Step(next, p.Call, p.Part))
                {
                    failedHere.Add(p);
                    continue;
                }
                Order.Add(p);
                if (Run(done | (1UL << i), next))
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
        private bool Held(int kernelFile, ulong done)
        {
            for (int j = 0; j < points.Length; j++)
                if ((done & (1UL << j)) == 0 && points[j].Call.Resolved.Contains(kernelFile))
                    return true;
            return false;
        }
    }
}
