using PrimeProps.Reference;

namespace PrimeProps.Tests.Reference;

/// <summary>The reference's id tables: ordered, lowest free id first, as the kernel's idr and fd table hand them out.</summary>
public class IdMapTests
{
    [Fact]
    public void Ids_are_kept_in_order_whatever_the_order_they_were_added_in()
    {
        var map = new IdMap<string>(1) { [5] = "e", [2] = "b", [9] = "i", [1] = "a" };

        Assert.Equal([1, 2, 5, 9], map.Keys);
        Assert.Equal(["a", "b", "e", "i"], map.Items.Select(p => p.Value));
        Assert.Equal(4, map.Count);
    }

    [Fact]
    public void The_lowest_free_id_comes_back_after_a_removal()
    {
        var map = new IdMap<int>(1);
        for (int id = 1; id <= 4; id++)
            map[map.LowestFree()] = id;

        Assert.True(map.Remove(2));
        Assert.False(map.Remove(2));
        Assert.Equal(2, map.LowestFree());
        map[2] = 20;
        Assert.Equal(5, map.LowestFree());
        Assert.Equal(20, map[2]);
    }

    [Fact]
    public void A_clone_does_not_share_its_entries_with_the_original()
    {
        var map = new IdMap<int>(0) { [0] = 10, [1] = 11 };

        var copy = map.Clone();
        copy[2] = 12;
        copy.Remove(0);
        map[1] = 99;

        Assert.Equal([0, 1], map.Keys);
        Assert.Equal([1, 2], copy.Keys);
        Assert.Equal(11, copy[1]);
        Assert.Equal(0, copy.LowestFree());
    }

    [Fact]
    public void Ids_outside_the_int_range_are_never_present()
    {
        var map = new IdMap<int>(1) { [1] = 1 };

        Assert.False(map.ContainsKey(1L + uint.MaxValue + 1));
        Assert.False(map.TryGetValue(long.MinValue, out _));
        Assert.Throws<KeyNotFoundException>(() => map[7]);
    }
}
