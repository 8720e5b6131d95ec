using System.Globalization;

namespace PrimeProps.Search;

/// <summary>The per-op table and the situations of a <see cref="Coverage"/>, as the lines check prints.</summary>
public static class CoverageText
{
    public static IEnumerable<string> Lines(Coverage coverage)
    {
        yield return "  calls by op (good input: calls whose input was not deliberately bad):";
        foreach (var (op, t) in coverage.Ops.ByOp)
        {
            var rate = t.GoodSuccessRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
            var errors = t.Errors.Count == 0 ? "" : "; " + string.Join(", ", t.Errors.Select(e => $"{e.Key} {e.Value}"));
            yield return $"    {op,-13} {t.Calls,6} calls, {t.Successes,6} ok, {t.BadInput,5} bad input; good input succeeded {rate,6}{errors}";
        }
        var reached = coverage.SituationsReached;
        yield return $"  situations reached ({reached.Count} of {Situations.All.Count}, runs): "
            + string.Join(", ", Situations.All.Where(s => reached.ContainsKey(s.Name)).Select(s => $"{s.Name} {reached[s.Name]}"));
        var never = coverage.NeverReached().ToList();
        yield return $"  situations never reached: {(never.Count == 0 ? "none" : string.Join(", ", never))}";
    }
}
