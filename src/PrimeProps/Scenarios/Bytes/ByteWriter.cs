namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// The encoder's output, the inverse of <see cref="ByteReader"/>. Canonical name slots, which a
/// reader at the end of the input infers anyway, are cut off when nothing follows them. List
/// ends are kept even at the end: an explicit empty schedule is where a fuzzer's inserted
/// bytes become schedule runs (without it they would become more ops of the last thread).
/// </summary>
internal sealed class ByteWriter
{
    private readonly List<byte> bytes = [];
    private int contentEnd;

    public void Content(byte b)
    {
        bytes.Add(b);
        contentEnd = bytes.Count;
    }

    /// <summary>A byte the reader infers when the input ends here: dropped unless content follows.</summary>
    public void Implied(byte b) => bytes.Add(b);

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            Content((byte)(value | 0x80));
            value >>= 7;
        }
        Content((byte)value);
    }

    public void ZigZag(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    public void Name(string name)
    {
        Content((byte)ByteFormat.NameStart.IndexOf(name[0]));
        foreach (char c in name.AsSpan(1))
            Content((byte)ByteFormat.NameRest.IndexOf(c));
    }

    public byte[] ToArray() => [.. bytes.Take(contentEnd)];
}
