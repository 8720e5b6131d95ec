using PrimeProps.Scenarios;

namespace PrimeProps.Shrinking;

/// <summary>
/// Uses of a variable at a point where no op can have set it yet: the op's own result, a later
/// op's in the same thread, or a thread's result read in the setup. Such a use reads the unset
/// variable (its number is 0), yet it counts as a reference (<see cref="ScenarioSize"/>'s fewer
/// raw numbers) and pins the op that makes the variable, so "drop op" can no longer remove it:
/// alias collapsing and raw-to-reference rewrites once turned `gem_change_handle fd h 4` into
/// `h = gem_change_handle fd h 4` and the shrink stopped at twice the trigger's size.
/// A use of another thread's result is not one of these: it reads whatever the race left.
/// </summary>
public static class UnsetReads
{
    public static int Count(Scenario s)
    {
        var makers = new Dictionary<string, List<(int Thread, int Index)>>();
        void Made(string? name, int thread, int index)
        {
            if (name is null)
                return;
            if (!makers.TryGetValue(name, out var list))
                makers[name] = list = [];
            list.Add((thread, index));
        }
        for (int i = 0; i < s.Setup.Count; i++)
            Made(s.Setup[i].Result, Scenario.SetupThread, i);
        for (int t = 0; t < s.Threads.Count; t++)
            for (int i = 0; i < s.Threads[t].Ops.Count; i++)
                Made(s.Threads[t].Ops[i].Result, t, i);

        int count = 0;
        void Check(Op op, int thread, int index)
        {
            foreach (var a in op.Args)
                if (a.IsRef && a.Kind != ValueKind.Device && a.Var is { } name && makers.TryGetValue(name, out var made)
                    && !made.Any(m => SetBefore(m, thread, index)))
                    count++;
        }
        for (int i = 0; i < s.Setup.Count; i++)
            Check(s.Setup[i], Scenario.SetupThread, i);
        for (int t = 0; t < s.Threads.Count; t++)
            for (int i = 0; i < s.Threads[t].Ops.Count; i++)
                Check(s.Threads[t].Ops[i], t, i);
        return count;
    }

    /// <summary>Whether the op at <paramref name="maker"/> may have run before the use at (thread, index).</summary>
    private static bool SetBefore((int Thread, int Index) maker, int thread, int index)
    {
        if (maker.Thread == Scenario.SetupThread)
            return thread != Scenario.SetupThread || maker.Index < index;
        if (thread == Scenario.SetupThread)
            return false;
        return maker.Thread != thread || maker.Index < index;
    }
}
