using System.Globalization;

namespace PrimeProps.Search;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a run's scenarios: those whose index
/// modulo Count is Index. The shards of a run hold every scenario once, and a scenario does
/// not depend on which others run, so the shards together find what the whole run finds (each
/// identity's first scenario is the lowest index over the shards).
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(0, 1);

    public bool Contains(int scenarioIndex) => scenarioIndex % Count == Index;

    /// <summary>"I/N" with 0 &lt;= I &lt; N; null and a message saying what is wrong otherwise.</summary>
    public static Shard? Parse(string text, out string error)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index < count)
        {
            error = "";
            return new Shard(index, count);
        }
        error = $"'{text}' is not a shard I/N with 0 <= I < N (e.g. 0/4)";
        return null;
    }

    public override string ToString() => $"{Index}/{Count}";
}
