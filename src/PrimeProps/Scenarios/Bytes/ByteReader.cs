namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// Consumes the input front to back, the way a FuzzedDataProvider does: every read succeeds,
/// and a read past the end yields 0, so a short input is a valid (smaller) scenario.
/// </summary>
internal ref struct ByteReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int pos;

    public readonly bool AtEnd => pos >= data.Length;

    public byte Next() => pos < data.Length ? data[pos++] : (byte)0;

    /// <summary>LEB128, at most 10 bytes; bits beyond 64 are dropped.</summary>
    public ulong Varint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = Next();
            if (shift < 64)
                value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                break;
        }
        return value;
    }

    public long ZigZag()
    {
        ulong v = Varint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>A valid identifier of <paramref name="length"/> characters, each chosen by one byte.</summary>
    public string Name(int length)
    {
        Span<char> name = stackalloc char[length];
        name[0] = ByteFormat.NameStart[Next() % ByteFormat.NameStart.Length];
        for (int i = 1; i < length; i++)
            name[i] = ByteFormat.NameRest[Next() % ByteFormat.NameRest.Length];
        return new string(name);
    }
}
