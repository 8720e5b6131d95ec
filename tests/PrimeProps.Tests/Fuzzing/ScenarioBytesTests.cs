using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Search;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The byte codec: total decoding, and round trips (equal = the same printed text).</summary>
public class ScenarioBytesTests
{
    private const string Small = "primeprops-scenario 1\ndevice d0\nsetup:\n  fd1 = open d0\n  h2 = create_dumb fd1\nthread T0:\n  close fd1\n";

    public static TheoryData<string> CatalogFiles()
        => [.. Directory.GetFiles(Corpus.Dir("catalog"), "*.scn").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)!];

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Every_catalog_scenario_round_trips(string file)
    {
        var s = Corpus.Load("catalog", file);
        AssertRoundTrip(s);
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Canonical_names_shorten_the_encoding_and_change_no_run(string file)
    {
        var s = Corpus.Load("catalog", file);
        var renamed = ScenarioBytes.WithCanonicalNames(s);

        Assert.True(ScenarioBytes.Encode(renamed).Length < ScenarioBytes.Encode(s).Length);
        Assert.StartsWith("primeprops-scenario 1\ndevice d0\n", ScenarioPrinter.Print(renamed));
        foreach (var protocol in ProtocolRegistry.Names)
        {
            var (before, after) = (TestScenarios.Run(protocol, s), TestScenarios.Run(protocol, renamed));
            Assert.Equal(before.Violation?.Oracle, after.Violation?.Oracle);
            Assert.Equal(before.Choices, after.Choices);
            Assert.Equal(before.Returns, after.Returns);
        }
    }

    [Fact]
    public void Five_thousand_generated_scenarios_round_trip()
    {
        var generator = new ScenarioGenerator(new GeneratorOptions());
        for (ulong seed = 0; seed < 5_000; seed++)
            AssertRoundTrip(generator.Generate(new SplitMix64(seed)));
    }

    [Fact]
    public void Scenarios_with_schedules_faults_names_and_literals_round_trip()
    {
        for (ulong seed = 0; seed < 2_000; seed++)
            AssertRoundTrip(VariedScenarios.Make(seed));
    }

    [Fact]
    public void Random_bytes_decode_to_valid_scenarios_deterministically()
    {
        var rng = new SplitMix64(2012);
        for (int i = 0; i < 10_000; i++)
        {
            var bytes = RandomBytes(rng, rng.Next(0, i % 10 == 0 ? 2000 : 200));
            string text = ScenarioPrinter.Print(ScenarioBytes.Decode(bytes));
            Assert.Equal(text, ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)));
            // Valid: the parser reads the text back to the same scenario ...
            Assert.Equal(text, ScenarioPrinter.Print(ScenarioParser.Parse(text)));
            // ... and it lies inside the format, so it encodes again.
            Assert.Equal(text, ScenarioPrinter.Print(ScenarioBytes.Decode(ScenarioBytes.Encode(ScenarioParser.Parse(text)))));
        }
    }

    [Fact]
    public void A_canonical_scenario_is_one_byte_per_choice()
    {
        byte[] bytes = [0, 0, 1, /* open */ 0, 0, /* create_dumb fd1 */ 1, 0, 0, 0xFF, /* close fd1 */ 5, 0, 0xFF, /* schedule, faults */ 0xFF, 0xFF];

        Assert.Equal(bytes, ScenarioBytes.Encode(ScenarioParser.Parse(Small)));
        Assert.Equal(Small, ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)));
    }

    [Fact]
    public void Empty_input_is_one_device_and_nothing_else()
        => Assert.Equal("primeprops-scenario 1\ndevice d0\n", ScenarioPrinter.Print(ScenarioBytes.Decode([])));

    [Theory]
    [InlineData(10, 0xE4, "  close 3\n")]           // a small literal: the fd number a racing thread guesses
    [InlineData(10, 0xE0, "  close -1\n")]
    [InlineData(10, 7, "  close fd1\n")]            // any index wraps around the fds there are
    [InlineData(9, 2, "  gem_close fd1 h2\n")]      // another opcode reads its arguments from the same bytes
    [InlineData(9, 4, "  h3 = fd_to_handle fd1 fd1\n")]
    public void One_mutated_byte_changes_one_op(int offset, byte value, string line)
    {
        byte[] bytes = [0, 0, 1, 0, 0, 1, 0, 0, 0xFF, 5, 0];
        bytes[offset] = value;

        var text = ScenarioPrinter.Print(ScenarioBytes.Decode(bytes));

        Assert.Equal(Small.Replace("  close fd1\n", line), text);
    }

    [Fact]
    public void A_reference_to_a_kind_with_no_results_is_the_invalid_value()
    {
        byte[] bytes = [0, 0, 0, /* gem_close 0 */ 2, 0, 0];
        Assert.Contains("  gem_close -1 0\n", ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)));
    }

    [Fact]
    public void Names_that_swap_canonical_ones_round_trip()
        => AssertRoundTrip(ScenarioParser.Parse("primeprops-scenario 1\ndevice d1\ndevice d0\nthread T1:\nthread T0:\nthread T0_1:\n"));

    [Fact]
    public void A_reserved_name_falls_back_to_the_canonical_one()
    {
        // One thread, every list ended at once, the device slot canonical, then "setup" spelled
        // out for the thread: a name no thread may have.
        byte[] bytes = [0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0, /* 5 characters */ 6, 44, 40, 55, 56, 51];
        Assert.Equal("primeprops-scenario 1\ndevice d0\nthread T0:\n", ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)));
        bytes[^1] = 50; // "setuo" is allowed
        Assert.Equal("primeprops-scenario 1\ndevice d0\nthread setuo:\n", ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)));
    }

    [Theory]
    [InlineData("device d0\ndevice d1\ndevice d2\ndevice d3\n", "4 devices")]
    [InlineData("device d0\nthread a:\nthread b:\nthread c:\nthread d:\nthread e:\n", "5 threads")]
    [InlineData("", "0 devices")]
    public void Scenarios_outside_the_format_are_refused_with_a_reason(string body, string reason)
    {
        var s = ScenarioParser.Parse("primeprops-scenario 1\n" + body);
        var e = Assert.Throws<ArgumentException>(() => ScenarioBytes.Encode(s));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Hand_built_scenarios_the_parser_would_refuse_are_refused()
    {
        var s = ScenarioParser.Parse(Small);
        Scenario WithThreadOp(Op op) => s with { Threads = [new ThreadDecl("T0", [op])] };

        var assigns = WithThreadOp(new Op(OpKind.Close, "x", [Arg.Ref(ValueKind.Fd, "fd1")]));
        var dangling = WithThreadOp(new Op(OpKind.Close, null, [Arg.Ref(ValueKind.Fd, "nowhere")]));

        Assert.Contains("'close' returns nothing but assigns 'x'", Assert.Throws<ArgumentException>(() => ScenarioBytes.Encode(assigns)).Message);
        Assert.Contains("reference 'nowhere' cannot be encoded", Assert.Throws<ArgumentException>(() => ScenarioBytes.Encode(dangling)).Message);
    }

    [Fact]
    public void A_cut_off_encoding_is_a_shorter_scenario()
    {
        var full = Corpus.Load("catalog", "row5-reimport-vs-gem-close.scn");
        var bytes = ScenarioBytes.Encode(full);
        var prefixes = Enumerable.Range(0, bytes.Length + 1).Select(n => ScenarioBytes.Decode(bytes.AsSpan(0, n))).ToList();

        Assert.Equal(prefixes.Select(p => p.OpCount).Order(), prefixes.Select(p => p.OpCount)); // ops only ever get added
        Assert.Equal(ScenarioPrinter.Print(full), ScenarioPrinter.Print(prefixes[^1]));
    }

    private static void AssertRoundTrip(Scenario s)
    {
        string expected = ScenarioPrinter.Print(s);
        var bytes = ScenarioBytes.Encode(s);
        Assert.True(expected == ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)), $"round trip changed:\n{expected}");
    }

    internal static byte[] RandomBytes(SplitMix64 rng, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)rng.Next(256);
        return bytes;
    }
}
