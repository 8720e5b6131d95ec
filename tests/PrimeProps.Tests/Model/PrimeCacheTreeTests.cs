using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Tests.Model;

/// <summary>The prime cache as the kernel's rb-tree keyed by dma-buf address, and the address order as a choice of the run.</summary>
public class PrimeCacheTreeTests
{
    private sealed class Key(int value)
    {
        public int Value { get; } = value;
    }

    [Fact]
    public void The_tree_stays_a_red_black_tree_through_random_inserts_and_erases()
    {
        var rng = new SplitMix64(2024);
        for (int round = 0; round < 200; round++)
        {
            var tree = new RbTree<Key>();
            var live = new List<Key>();
            for (int step = 0; step < 60; step++)
            {
                if (live.Count > 0 && rng.Chance(40))
                {
                    var gone = live[rng.Next(live.Count)];
                    live.Remove(gone);
                    tree.Erase(gone);
                }
                else
                {
                    var k = new Key(rng.Next(8)); // few keys: many equal ones
                    live.Add(k);
                    tree.Insert(k, pos => k.Value > pos.Value);
                }
                Assert.True(tree.IsValid((a, b) => a.Value.CompareTo(b.Value)), $"round {round} step {step}");
                Assert.Equal(live.Count, tree.Count);
            }
        }
    }

    [Fact]
    public void Equal_keys_go_left_so_a_lookup_finds_the_first_insert_until_a_rotation_lifts_a_later_one()
    {
        var tree = new RbTree<Key>();
        var first = new Key(5);
        var second = new Key(5);
        var third = new Key(5);
        tree.Insert(first, pos => first.Value > pos.Value);
        tree.Insert(second, pos => second.Value > pos.Value);
        Assert.Same(first, tree.Find(pos => pos.Value == 5 ? 0 : pos.Value < 5 ? 1 : -1));

        tree.Insert(third, pos => third.Value > pos.Value); // a left-left chain: rotate right, second is the root
        Assert.Same(second, tree.Find(pos => pos.Value == 5 ? 0 : pos.Value < 5 ? 1 : -1));
    }

    private const string TwoHandlesOneDmaBuf = """
        A = open d0
        h = create_dumb A
        n = flink A h
        h2 = gem_open A n
        f1 = handle_to_fd A h
        f2 = handle_to_fd A h2
        x = fd_to_handle A f2
        """;

    // Seen on real 6.1 (kernel-prime-notes §7): 20 of 20 such imports returned the older entry's handle.
    [Theory]
    [InlineData("modern")]
    [InlineData("v6.12")]
    [InlineData("v6.1")]
    public void With_only_one_dma_buf_cached_an_import_returns_the_handle_exported_first(string protocol)
    {
        var run = TestScenarios.Run(protocol, TestScenarios.Sequential(TwoHandlesOneDmaBuf.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

        Assert.Null(run.Violation);
        Assert.Equal(1, TestScenarios.SetupReturns(run)[^1]);
    }

    /// <summary>The model before the rb-tree: a head-inserted list, searched newest first.</summary>
    private sealed class NewestFirst : Modern
    {
        protected override int drm_prime_lookup_buf_handle(DrmPrimeFilePrivate prime_fpriv, DmaBuf dma_buf, Out<long> handle)
        {
            var member = prime_fpriv.head.FirstOrDefault(m => m.dma_buf == dma_buf);
            if (member is null)
                return -Errno.ENOENT;
            handle.Value = member.handle;
            return 0;
        }
    }

    [Fact]
    public void The_reference_rejects_the_newest_entry_when_no_other_dma_buf_shapes_the_tree()
    {
        var scenario = TestScenarios.Sequential(TwoHandlesOneDmaBuf.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

        var run = Executor.Run(scenario, new NewestFirst());

        Assert.Equal(OracleKind.ReferenceMismatch, run.Violation?.Oracle);
        Assert.Contains("= 2, but the reference returns 1", run.Violation!.Message);
    }

    // The file caches X (handles h1, h2) and Y (handle h3). Inserted X1, Y, X2: when Y lies
    // below X, X2 goes right of Y and two rotations lift it to the root; when Y lies above,
    // X1 stays the root.
    private static Scenario OtherDmaBufBetween(string? addresses) => ScenarioParser.Parse(TestScenarios.Header + """
        setup:
          A = open d0
          h1 = create_dumb A
          h3 = create_dumb A
          n = flink A h1
          h2 = gem_open A n
          f1 = handle_to_fd A h1
          f3 = handle_to_fd A h3
          f2 = handle_to_fd A h2
          x = fd_to_handle A f1

        """ + (addresses is null ? "" : $"addresses: {addresses}\n"));

    [Theory]
    [InlineData(null, 1)]      // Y above X (each new dma-buf above the earlier ones)
    [InlineData("0 1", 1)]
    [InlineData("0 0", 3)]     // Y below X: h2 (3) is the root
    public void With_other_dma_bufs_the_address_order_of_the_run_decides_and_the_reference_allows_both(string? addresses, long expected)
    {
        foreach (var protocol in new[] { "modern", "v6.12", "v6.1" })
        {
            var run = TestScenarios.Run(protocol, OtherDmaBufBetween(addresses));

            Assert.Null(run.Violation);
            Assert.Equal(expected, TestScenarios.SetupReturns(run)[^1]);
        }
    }

    [Fact]
    public void The_address_order_is_part_of_the_scenario_file_and_prints_back()
    {
        var scenario = OtherDmaBufBetween("0 0");

        Assert.Equal([0, 0], scenario.Addresses);
        Assert.Contains("addresses: 0 0\n", ScenarioPrinter.Print(scenario));
        Assert.Equal([0, 0], ScenarioParser.Parse(ScenarioPrinter.Print(scenario)).Addresses);
        Assert.Equal([0, 0], TestScenarios.Run("modern", scenario).Kernel.AddressChoices);
    }

    [Fact]
    public void An_address_position_beyond_the_dma_bufs_made_before_is_a_parse_error_naming_the_place()
    {
        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse(TestScenarios.Header + "setup:\n  A = open d0\naddresses: 0 2\n"));

        Assert.Contains(":5:14:", e.Message); // line 5, the column of "2"
        Assert.Contains("address position 2 out of range", e.Message);
    }
}

public class AddressOrderGeneratorTests
{
    [Fact]
    public void The_generator_draws_address_orders_on_request_and_they_print_and_parse_back()
    {
        var gen = new ScenarioGenerator(new GeneratorOptions { AddressOrderPercent = 100 });
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var s = gen.Generate(new SplitMix64(seed));

            Assert.Equal(8, s.Addresses.Count);
            Assert.All(s.Addresses.Select((p, k) => (p, k)), e => Assert.InRange(e.p, 0, e.k));
            Assert.Equal(s.Addresses, ScenarioParser.Parse(ScenarioPrinter.Print(s)).Addresses);
        }
        Assert.Empty(new ScenarioGenerator(new GeneratorOptions()).Generate(new SplitMix64(1)).Addresses);
    }
}
