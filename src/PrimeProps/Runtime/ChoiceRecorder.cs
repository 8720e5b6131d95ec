namespace PrimeProps.Runtime;

/// <summary>
/// Draws from <paramref name="inner"/> and writes the <see cref="ChoiceTape"/> that makes the
/// same choices: a generator run on the tape draws exactly what it drew here. That is how a
/// seeded scenario (check's scenario N) becomes a fuzzer's seed input. Trailing zero bytes are
/// dropped (an exhausted tape reads 0), so the tape is as short as it can be.
/// </summary>
public sealed class ChoiceRecorder(RandomSource inner) : RandomSource
{
    private readonly List<byte> tape = [];

    public override int Next(int bound)
    {
        int value = inner.Next(bound);
        if (bound > 1)
            for (int i = 0, width = ChoiceTape.WidthOf(bound); i < width; i++)
                tape.Add((byte)(value >> (8 * i)));
        return value;
    }

    public override bool Chance(int percent)
    {
        bool value = inner.Chance(percent);
        if (percent is > 0 and < 100)
            tape.Add(value ? (byte)99 : (byte)0); // 99 % 100 is in the top share of any percent > 0; 0 in none below 100
        return value;
    }

    /// <summary>The tape so far, without its trailing zeros.</summary>
    public byte[] Tape()
    {
        int length = tape.Count;
        while (length > 0 && tape[length - 1] == 0)
            length--;
        return [.. tape.Take(length)];
    }
}
