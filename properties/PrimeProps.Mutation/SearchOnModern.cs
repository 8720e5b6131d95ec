using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Search;

namespace PrimeProps.Mutation;

/// <summary>
/// The search on modern: random scenarios under random schedules, every oracle and the
/// sequential reference (linearizability for concurrent runs). Unmodified modern fails in a
/// few scenarios of its own (the two-stage GEM_CLOSE windows, not linearizable); those are
/// listed by index and oracle, and a run may fail only as listed.
/// </summary>
public class SearchOnModern
{
    public static TheoryData<string> Lanes() => [.. SearchLanes.All.Keys];

    [Theory]
    [MemberData(nameof(Lanes))]
    public void Modern_fails_only_where_it_is_known_to(string lane)
    {
        var (options, known) = SearchLanes.All[lane];
        var checker = new Checker(() => new Modern(), options);
        var generator = new ScenarioGenerator(options.Generator);

        var unexpected = new List<string>();
        for (int i = 0; i < options.Scenarios && unexpected.Count < 3; i++)
        {
            var run = checker.RunOne(generator, i);
            if (run.Violation is { } v && !(known.TryGetValue(i, out var oracle) && oracle == v.Oracle))
                unexpected.Add($"scenario {i}: {v}");
        }

        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}
