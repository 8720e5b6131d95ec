using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Igt;

public class AssertLineTests
{
    // A = 3, h = 1, e = -EINVAL (bad flags), g = -ENOENT (no handle 7), fd = 4 on every protocol.
    private static readonly Scenario Sample = TestScenarios.Sequential(
        "A = open d0", "h = create_dumb A", "e = handle_to_fd A h 0x1", "g = handle_to_fd A 7", "fd = handle_to_fd A h");

    private static AssertLine Parse(string text) => AssertLine.Parse("t.scn:9", text, Sample);

    [Theory]
    [InlineData("# assert all: h == 1")]
    [InlineData("# assert all: e == -EINVAL")]
    [InlineData("# assert modern: g == -ENOENT")]
    [InlineData("# assert all: A != fd")]
    [InlineData("# assert all: fd == fd")]
    [InlineData("# assert all: e == -22")]
    public void A_true_assert_holds(string text)
    {
        Assert.Null(Parse(text).Check(TestScenarios.Run("modern", Sample)));
    }

    [Fact]
    public void A_false_assert_names_file_line_and_values()
    {
        var failure = Parse("# assert all: h == fd").Check(TestScenarios.Run("modern", Sample));

        Assert.Equal("t.scn:9: '# assert all: h == fd' fails on modern: h = 1, fd = 4", failure);
    }

    [Fact]
    public void A_constant_is_shown_as_written()
    {
        var failure = Parse("# assert all: g == -EINVAL").Check(TestScenarios.Run("modern", Sample));

        Assert.Equal("t.scn:9: '# assert all: g == -EINVAL' fails on modern: g = -ENOENT, expected -EINVAL", failure);
    }

    [Fact]
    public void A_variable_whose_op_never_returned_fails()
    {
        // On v3.6 closing the only fd leaves a stale cache entry: the run stops before x.
        var s = TestScenarios.Sequential("A = open d0", "h = create_dumb A", "fd = handle_to_fd A h", "close fd", "x = fd_to_handle A fd");
        var run = TestScenarios.Run("v3.6", s);

        var failure = AssertLine.Parse("t.scn:2", "# assert v3.6: x == -EBADF", s).Check(run);

        Assert.Equal("t.scn:2: '# assert v3.6: x == -EBADF' on v3.6: x has no value (its op did not return in this run)", failure);
    }

    [Theory]
    [InlineData("# assert all: h = 1")]
    [InlineData("# assert all h == 1")]
    [InlineData("# assert: h == 1")]
    [InlineData("# assert all: h == 1 2")]
    [InlineData("# assert all: h == -EWHAT")]
    [InlineData("# assert all: h != 1")]
    [InlineData("# assert nosuch: h == 1")]
    [InlineData("# assert all, modern: h == 1")]
    [InlineData("# assert all: nosuch == 1")]
    [InlineData("# assert all: h == nosuch")]
    public void A_malformed_line_or_unknown_name_is_an_error_naming_the_line(string text)
    {
        var e = Assert.Throws<FormatException>(() => Parse(text));

        Assert.StartsWith("t.scn:9: ", e.Message);
        Assert.EndsWith($"'{text}'", e.Message);
    }

    [Fact]
    public void A_protocol_list_names_only_its_protocols()
    {
        var line = Parse("# assert v3.6, seed-2012: h == 1");

        Assert.True(line.Names("v3.6"));
        Assert.True(line.Names("seed-2012"));
        Assert.False(line.Names("modern"));
        Assert.True(Parse("# assert all: h == 1").Names("modern"));
    }

    [Fact]
    public void Only_comments_whose_first_word_is_assert_are_asserts()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# assert all: h == 1", "# assertion: prose, not an assert", "#assert modern: fd == 4", "# see the assert lines above"]);

            var asserts = AssertLine.ReadAll(path, Sample);

            var name = Path.GetFileName(path);
            Assert.Equal([$"{name}:1", $"{name}:3"], asserts.Select(a => a.Where));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
