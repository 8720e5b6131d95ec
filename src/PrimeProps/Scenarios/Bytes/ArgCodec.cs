using static PrimeProps.Scenarios.Bytes.ByteFormat;

namespace PrimeProps.Scenarios.Bytes;

/// <summary>An argument as decoded, before the names it points at are known.</summary>
internal readonly record struct PendingArg(ValueKind Kind, Arg Literal, int Index = -1)
{
    /// <summary>Index is a device index (Device kind) or a <see cref="ResultIndex"/> reference index.</summary>
    public bool IsIndex => Index >= 0;
}

/// <summary>Each argument kind's bytes, read and written side by side so the two stay inverse.</summary>
internal static class ArgCodec
{
    /// <summary>Null when an optional argument (flags, dims) is absent.</summary>
    public static PendingArg? Read(ref ByteReader r, ValueKind kind, int devices) => kind switch
    {
        ValueKind.Device => new PendingArg(kind, default, r.Next() % devices),
        ValueKind.Flags => ReadFlags(ref r),
        ValueKind.Dims => ReadDims(ref r),
        ValueKind.Number => ReadNumber(ref r),
        _ => ReadValue(ref r, kind),
    };

    /// <param name="deviceIndex">The index of a device argument's device.</param>
    /// <param name="referenceIndex">The <see cref="ResultIndex"/> index of a reference argument.</param>
    public static void Write(ByteWriter w, Arg a, int deviceIndex, int referenceIndex)
    {
        switch (a.Kind)
        {
            case ValueKind.Device:
                w.Content((byte)deviceIndex);
                break;
            case ValueKind.Flags:
                WriteFlags(w, a.Raw);
                break;
            case ValueKind.Dims:
                WriteDims(w, a);
                break;
            case ValueKind.Number:
                WriteNumber(w, a);
                break;
            default:
                WriteValue(w, a, referenceIndex);
                break;
        }
    }

    /// <summary>The byte of an optional argument that is left out.</summary>
    public static void WriteAbsent(ByteWriter w) => w.Content(0);

    private static PendingArg ReadValue(ref ByteReader r, ValueKind kind)
    {
        byte b = r.Next();
        if (b < FirstSmallLiteral)
            return new PendingArg(kind, default, b);
        long value = b == WideLiteral ? r.ZigZag() : b - FirstSmallLiteral + SmallLiteralMin;
        return new PendingArg(kind, Arg.Number(kind, value));
    }

    private static void WriteValue(ByteWriter w, Arg a, int referenceIndex)
    {
        if (a.IsRef)
        {
            if (referenceIndex is < 0 or >= FirstSmallLiteral)
                throw new ArgumentException($"reference '{a.Var}' cannot be encoded (index {referenceIndex})");
            w.Content((byte)referenceIndex);
        }
        else if (a.Raw is >= SmallLiteralMin and <= SmallLiteralMax)
            w.Content((byte)(a.Raw - SmallLiteralMin + FirstSmallLiteral));
        else
        {
            w.Content(WideLiteral);
            w.ZigZag(a.Raw);
        }
    }

    /// <summary>
    /// A number the caller chooses (never a reference): byte b below <see cref="WideLiteral"/>
    /// is 1 + b % <see cref="SmallNumbers"/> (the handle numbers worth trying), else a zigzag
    /// varint follows (0, INT_MAX + 1, ...).
    /// </summary>
    private static PendingArg ReadNumber(ref ByteReader r)
    {
        byte b = r.Next();
        long value = b == WideLiteral ? r.ZigZag() : 1 + b % SmallNumbers;
        return new PendingArg(ValueKind.Number, Arg.Number(ValueKind.Number, value));
    }

    private static void WriteNumber(ByteWriter w, Arg a)
    {
        if (a.IsRef)
            throw new ArgumentException($"a number argument cannot be a reference ('{a.Var}')");
        if (a.Raw is >= 1 and <= SmallNumbers)
            w.Content((byte)(a.Raw - 1));
        else
        {
            w.Content(WideLiteral);
            w.ZigZag(a.Raw);
        }
    }

    private static PendingArg? ReadFlags(ref ByteReader r)
    {
        int choice = r.Next() % (FlagChoices.Length + 1);
        long? value = choice == FlagsWide ? r.ZigZag() : FlagChoices[choice];
        return value is { } v ? new PendingArg(ValueKind.Flags, Arg.Number(ValueKind.Flags, v)) : null;
    }

    private static void WriteFlags(ByteWriter w, long value)
    {
        int choice = Array.IndexOf(FlagChoices, value);
        w.Content((byte)(choice >= 0 ? choice : FlagsWide));
        if (choice < 0)
            w.ZigZag(value);
    }

    private static PendingArg? ReadDims(ref ByteReader r)
    {
        int choice = r.Next() % (DimsChoices.Length + 1);
        var dims = choice == DimsWide ? (Dimension(ref r), Dimension(ref r), Dimension(ref r)) : DimsChoices[choice];
        return dims is { } d ? new PendingArg(ValueKind.Dims, Arg.DimsOf(d.W, d.H, d.Bpp)) : null;
    }

    /// <summary>Non-negative, as the text format requires.</summary>
    private static int Dimension(ref ByteReader r) => (int)(r.Varint() & int.MaxValue);

    private static void WriteDims(ByteWriter w, Arg a)
    {
        if (a.Width < 0 || a.Height < 0 || a.Bpp < 0)
            throw new ArgumentException($"negative dims {a.Width}x{a.Height}x{a.Bpp}");
        int choice = Array.IndexOf(DimsChoices, (a.Width, a.Height, a.Bpp));
        w.Content((byte)(choice >= 0 ? choice : DimsWide));
        if (choice >= 0)
            return;
        w.Varint((ulong)a.Width);
        w.Varint((ulong)a.Height);
        w.Varint((ulong)a.Bpp);
    }
}
