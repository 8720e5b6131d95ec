using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

public class OrderedParallelTests
{
    /// <summary>Work whose duration varies with the item, so items finish out of order.</summary>
    private static int Slow(int item)
    {
        Thread.Sleep((item * 7919) % 5);
        return item * item;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Results_are_handed_over_in_item_order_whatever_the_jobs(int jobs)
    {
        var seen = new List<(int, int)>();
        OrderedParallel.Run(Enumerable.Range(0, 200), jobs, Slow, (i, r) => { seen.Add((i, r)); return true; });
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (i, i * i)), seen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Stopping_hands_over_nothing_after_the_item_that_said_stop(int jobs)
    {
        var seen = new List<int>();
        OrderedParallel.Run(Enumerable.Range(0, 10_000), jobs, Slow, (i, _) => { seen.Add(i); return i < 41; });
        Assert.Equal(Enumerable.Range(0, 42), seen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_exception_surfaces_at_its_items_turn_after_the_items_before_it(int jobs)
    {
        var seen = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() => OrderedParallel.Run(Enumerable.Range(0, 100), jobs,
            i => i == 17 ? throw new InvalidOperationException("item 17") : Slow(i), (i, _) => { seen.Add(i); return true; }));
        Assert.Equal("item 17", error.Message);
        Assert.Equal(Enumerable.Range(0, 17), seen);
    }

    [Fact]
    public void Workers_run_at_most_a_few_items_ahead_of_the_consumer()
    {
        int started = 0, maxAhead = 0, consumed = 0;
        OrderedParallel.Run(Enumerable.Range(0, 300), 2, i => { Interlocked.Increment(ref started); return i; }, (_, _) =>
        {
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref started) - consumed);
            consumed++;
            return true;
        });
        Assert.InRange(maxAhead, 1, 4 * 2 + 1); // the item being handed over, and 4 per job beyond it
    }
}
