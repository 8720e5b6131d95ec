namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// How a reference names a result: by a small index among the variables of its kind, counted
/// from the op that uses it. Index 0 is the nearest earlier result, 1 the one before, and so
/// on back to the setup's first; past those come the results at or after the op (a forward or
/// cross-thread reference, which the text format allows). Ops are numbered in text order:
/// the setup, then each thread.
/// </summary>
internal sealed class ResultIndex
{
    private readonly Dictionary<ValueKind, List<(int Position, string Name)>> byKind = new()
    {
        [ValueKind.Fd] = [], [ValueKind.Handle] = [], [ValueKind.Name] = [],
    };

    /// <summary>Call in text order for every op that assigns its result.</summary>
    public void Add(int position, ValueKind kind, string name) => byKind[kind].Add((position, name));

    /// <summary>The variable that index <paramref name="index"/> names for an op at <paramref name="position"/>; null if the kind has none.</summary>
    public string? Resolve(ValueKind kind, int position, int index)
    {
        var results = byKind[kind];
        if (results.Count == 0)
            return null;
        index %= results.Count;
        int earlier = EarlierThan(results, position);
        return results[index < earlier ? earlier - 1 - index : index].Name;
    }

    /// <summary>The inverse of <see cref="Resolve"/>; -1 when no result has that name.</summary>
    public int IndexOf(ValueKind kind, int position, string name)
    {
        var results = byKind[kind];
        int at = results.FindIndex(r => r.Name == name);
        if (at < 0)
            return -1;
        int earlier = EarlierThan(results, position);
        return at < earlier ? earlier - 1 - at : at;
    }

    private static int EarlierThan(List<(int Position, string Name)> results, int position)
    {
        int n = 0;
        while (n < results.Count && results[n].Position < position)
            n++;
        return n;
    }
}
