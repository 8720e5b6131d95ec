using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Tests.Search;

/// <summary>The static classifier of deliberately bad input, on literal scenarios.</summary>
public class TypedScenarioTests
{
    private static TypedScenario Read(string body) => new(ScenarioParser.Parse("primeprops-scenario 1\ndevice d0\ndevice d1\n" + body));

    private const string Setup = """
        setup:
          A = open d0
          B = open d0
          C = open d1
          h = create_dumb A
          fd = handle_to_fd A h
          n = flink A h

        """;

    [Theory]
    [InlineData("x = fd_to_handle B fd", BadInput.None)]
    [InlineData("x = fd_to_handle C fd", BadInput.None)]
    [InlineData("x = fd_to_handle A A", BadInput.WrongKind)]       // a drm file where the dma-buf belongs
    [InlineData("x = fd_to_handle fd fd", BadInput.WrongKind)]     // a dma-buf where the drm file belongs
    [InlineData("gem_close B h", BadInput.WrongKind)]              // a handle of another file
    [InlineData("x = gem_open C n", BadInput.WrongKind)]           // a name of another device
    [InlineData("x = gem_open B n", BadInput.None)]
    [InlineData("x = fd_to_handle B 5", BadInput.RawNumber)]
    [InlineData("close 3", BadInput.RawNumber)]
    [InlineData("x = handle_to_fd A h 6", BadInput.BadFlags)]
    [InlineData("x = handle_to_fd A h CLOEXEC|RDWR", BadInput.None)]
    [InlineData("x = dup fd", BadInput.None)]
    public void A_call_reads_as_good_or_as_the_bad_input_it_has(string call, BadInput expected)
        => Assert.Equal(expected, Read(Setup + "thread T0:\n  " + call + "\n")[0, 0].Bad);

    [Fact]
    public void A_value_is_closed_for_the_thread_that_closed_it_only()
    {
        var typed = Read(Setup + """
            thread T0:
              close fd
              x = fd_to_handle B fd
              gem_close A h
              y = handle_to_fd A h
            thread T1:
              z = fd_to_handle B fd
              w = handle_to_fd A h
            """);

        Assert.Equal([BadInput.None, BadInput.Closed, BadInput.None, BadInput.Closed], Enumerable.Range(0, 4).Select(i => typed[0, i].Bad));
        Assert.Equal([BadInput.None, BadInput.None], Enumerable.Range(0, 2).Select(i => typed[1, i].Bad));
    }

    [Fact]
    public void A_handle_lives_while_any_fd_of_its_file_is_open()
    {
        var typed = Read(Setup + """
            thread T0:
              A2 = dup A
              close A
              x = handle_to_fd A2 h
              close A2
              y = flink B h
              z = create_dumb A2
            """);

        Assert.Equal(BadInput.None, typed[0, 2].Bad);      // the dup keeps the file and its handles
        Assert.Equal(Resource.DrmFile, typed[0, 0].Result.Kind);
        Assert.Equal(BadInput.WrongKind, typed[0, 4].Bad); // h is A's, not B's
        Assert.Equal(BadInput.Closed, typed[0, 5].Bad);
    }

    [Fact]
    public void A_result_of_a_bad_call_or_of_a_later_call_is_no_such_value()
    {
        var typed = Read(Setup + """
            thread T0:
              close later
              x = fd_to_handle A A
              y = handle_to_fd A x
              later = dup fd
            """);

        Assert.Equal([BadInput.NoSuchValue, BadInput.WrongKind, BadInput.NoSuchValue, BadInput.None], Enumerable.Range(0, 4).Select(i => typed[0, i].Bad));
    }

    [Fact]
    public void Imports_are_typed_by_where_the_dma_buf_came_from()
    {
        var typed = Read(Setup + """
            thread T0:
              self = fd_to_handle A fd
              peer = fd_to_handle B fd
              far = fd_to_handle C fd
              again = handle_to_fd C far
              own = gem_open A n
            """);

        Assert.Equal(HandleOrigin.SelfImport, typed[0, 0].Result.Origin);
        Assert.Equal(typed[-1, 3].Result.Handle, typed[0, 0].Result.Handle); // the export's cache entry: the same handle
        Assert.Equal((HandleOrigin.SameDeviceImport, typed[-1, 3].Result.Object), (typed[0, 1].Result.Origin, typed[0, 1].Result.Object));
        Assert.Equal(HandleOrigin.ForeignImport, typed[0, 2].Result.Origin);
        Assert.NotEqual(typed[-1, 3].Result.Object, typed[0, 2].Result.Object);   // a new object on the other device
        Assert.Equal(typed[-1, 4].Result.Buffer, typed[0, 3].Result.Buffer);       // re-export: the original dma-buf
        Assert.NotEqual(typed[-1, 3].Result.Handle, typed[0, 4].Result.Handle);   // a second handle for the object in A
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(BadInput.None, typed[0, i].Bad));
    }
}
