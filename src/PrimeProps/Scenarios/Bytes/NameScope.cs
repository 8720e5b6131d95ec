namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// One namespace of the text format (devices, threads or variables) as the codec fills it,
/// slot by slot. A slot takes a name given in the input when that name is allowed and free,
/// else its canonical name: the generator's style ("d0", "T1", "fd3"), with a suffix
/// ("fd3_1") when an earlier slot already took it. Encoder and decoder walk the same slots.
/// </summary>
internal sealed class NameScope(string? reserved = null)
{
    private readonly HashSet<string> taken = [];

    /// <summary>Whether <paramref name="name"/> may be given explicitly in this scope now.</summary>
    public bool Allows(string name) => IsIdentifier(name) && name != reserved && !taken.Contains(name);

    /// <summary>What the text format takes as a name, and <see cref="ByteReader.Name"/> can spell.</summary>
    public static bool IsIdentifier(string name)
        => name.Length <= ByteFormat.MaxNameLength && ScenarioTokenizer.IsIdentifierShape(name);

    /// <summary>The name a slot whose canonical name is <paramref name="canonical"/> gets when none is given.</summary>
    public string Default(string canonical)
    {
        if (!taken.Contains(canonical))
            return canonical;
        for (int k = 1; ; k++)
            if (!taken.Contains($"{canonical}_{k}"))
                return $"{canonical}_{k}";
    }

    public string Take(string name)
    {
        taken.Add(name);
        return name;
    }

    public static NameScope Devices() => new();

    /// <summary>"setup" names the setup section in fault lines, so no thread may take it.</summary>
    public static NameScope Threads() => new("setup");

    public static NameScope Variables() => new();

    public static string DeviceName(int index) => $"d{index}";

    public static string ThreadName(int index) => $"T{index}";

    /// <summary>The generator's names: a kind prefix and the 1-based count of results so far.</summary>
    public static string VariableName(ValueKind kind, int resultNumber)
        => (kind switch { ValueKind.Fd => "fd", ValueKind.Handle => "h", _ => "n" }) + resultNumber;
}
