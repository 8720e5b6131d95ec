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

        var unexpected = new List<string>();
        for (int i = 0; i < options.Scenarios && unexpected.Count < 3; i++)
        {
            var run = checker.RunOne(i);
            if (run.Violation is { } v && !(known.TryGetValue(i, out var oracle) && oracle == v.Oracle))
                unexpected.Add($"scenario {i}: {v}");
        }

        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }

    // A fault that names a site modern no longer allocates at silently never fires: the fault
    // lane must see every allocation site of modern's ioctls fail at least once.
    [Theory]
    [InlineData("drm_prime_member")]
    [InlineData("dma_buf")]
    [InlineData("object_idr")]
    [InlineData("gem_object")]
    [InlineData("object_name_idr")]
    [InlineData("drm_vma_offset_file")]
    public void Every_allocation_site_of_modern_fails_somewhere_in_the_fault_lane(string site)
    {
        var (options, _) = SearchLanes.All["sequential-faults"];
        var checker = new Checker(() => new Modern(), options);
        var coverage = new Coverage();

        for (int i = 0; i < options.Scenarios; i++)
            coverage.Add(checker.RunOne(i));

        Assert.Contains(site, coverage.Faults.Keys);
    }
}
