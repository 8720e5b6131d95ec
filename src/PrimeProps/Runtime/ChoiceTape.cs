namespace PrimeProps.Runtime;

/// <summary>
/// A fuzzer's input read as a generator's choices (JQF Zest's "parametric generation"; R. Padhye
/// et al., "Semantic Fuzzing with Zest", ISSTA 2019; Hypothesis's choice sequence). Each draw
/// takes the fewest bytes its bound needs (one up to 256 values, two up to 65,536, else four,
/// little-endian) and reduces them modulo the bound, so a byte that AFL++ adds 1 to is the next
/// choice; draws with one possible outcome take no byte. Past the end every byte reads 0: each
/// draw is its smallest value and every <see cref="Chance"/> false, so a short input is a small
/// scenario and any byte string is one. <see cref="ChoiceRecorder"/> writes the tape of a stream.
/// </summary>
public sealed class ChoiceTape(byte[] bytes) : RandomSource
{
    private int position;

    /// <summary>Bytes read so far (those past the end count too).</summary>
    public int Position => position;

    public override int Next(int bound)
    {
        if (bound <= 1)
            return 0;
        uint raw = Read(WidthOf(bound));
        return (int)(raw % (uint)bound);
    }

    /// <summary>One byte; true when it is among the top <paramref name="percent"/> of 100 residues, so 0 (an exhausted tape) is false.</summary>
    public override bool Chance(int percent)
    {
        if (percent <= 0 || percent >= 100)
            return percent >= 100;
        return Read(1) % 100 >= 100 - percent;
    }

    /// <summary>Bytes a draw of <paramref name="bound"/> values takes (bound &gt; 1).</summary>
    internal static int WidthOf(int bound) => bound <= 0x100 ? 1 : bound <= 0x10000 ? 2 : 4;

    private uint Read(int width)
    {
        uint value = 0;
        for (int i = 0; i < width; i++, position++)
            if (position < bytes.Length)
                value |= (uint)bytes[position] << (8 * i);
        return value;
    }
}
