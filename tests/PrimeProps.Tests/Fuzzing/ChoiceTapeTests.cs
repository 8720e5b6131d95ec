using PrimeProps.Runtime;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>The fuzzer's input read as random draws: widths, the exhausted tape, and the recorder that writes a stream's tape.</summary>
public class ChoiceTapeTests
{
    [Fact]
    public void A_draw_takes_the_bytes_its_bound_needs_modulo_the_bound()
    {
        var tape = new ChoiceTape([7, 0x34, 0x12, 1, 2, 3, 4, 99, 0]);

        Assert.Equal(1, tape.Next(3));                       // one byte: 7 % 3
        Assert.Equal(0x1234 % 1000, tape.Next(1000));        // two bytes, little-endian
        Assert.Equal(0x04030201 % 100_000, tape.Next(100_000)); // four bytes
        Assert.Equal(0, tape.Next(1));                       // one outcome: no byte
        Assert.True(tape.Chance(1));                         // 99 % 100 is in the top 1
        Assert.False(tape.Chance(99));                       // 0 is in no top share below 100
        Assert.Equal(9, tape.Position);
    }

    [Fact]
    public void An_exhausted_tape_draws_the_smallest_value_and_no_chance()
    {
        var tape = new ChoiceTape([]);

        Assert.Equal(0, tape.Next(256));
        Assert.Equal(5, tape.Next(5, 9));
        Assert.False(tape.Chance(99));
        Assert.True(tape.Chance(100));
        Assert.Equal("a", tape.Pick(["a", "b"]));
    }

    [Fact]
    public void A_recorded_tape_replays_the_streams_draws()
    {
        var recorder = new ChoiceRecorder(new SplitMix64(5));
        var drawn = new List<int>();
        for (int i = 0; i < 200; i++)
            drawn.Add(i % 4 == 3 ? (recorder.Chance(i % 101) ? 1 : 0) : recorder.Next(1 + i * 977 % 70_000));

        var tape = new ChoiceTape(recorder.Tape());
        var replayed = new List<int>();
        for (int i = 0; i < 200; i++)
            replayed.Add(i % 4 == 3 ? (tape.Chance(i % 101) ? 1 : 0) : tape.Next(1 + i * 977 % 70_000));

        Assert.Equal(drawn, replayed);
    }

    [Fact]
    public void The_tape_leaves_out_trailing_zeros()
    {
        var recorder = new ChoiceRecorder(new SplitMix64(1));
        recorder.Chance(0);
        Assert.Empty(recorder.Tape());
    }
}
