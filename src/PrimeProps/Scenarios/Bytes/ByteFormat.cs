namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// The numbers of the byte format (see <see cref="ScenarioBytes"/> for the layout). Most
/// choices take one byte, read modulo the number of options, so a mutated byte is another
/// valid choice rather than garbage; a byte at or above a list's end threshold ends the list.
/// </summary>
internal static class ByteFormat
{
    // The domain: what the fuzzer explores, and what Encode accepts.
    public const int MaxDevices = 3;
    public const int MaxThreads = 4;
    public const int MaxOpsPerSection = 32;
    public const int MaxScheduleRuns = 256;
    public const int MaxFaults = 8;
    /// <summary>A run never takes more steps than this (the executor's default step limit), so longer schedules cannot matter.</summary>
    public const int MaxScheduleSteps = 100_000;
    public const int MaxNameLength = ScenarioTokenizer.MaxIdentifier;

    /// <summary>An opcode byte at or above this ends the section; the encoder writes 0xFF.</summary>
    public const byte OpEnd = 0xE0;
    /// <summary>A schedule-run or fault byte at or above this ends that list.</summary>
    public const byte ListEnd = 0xC0;
    public const byte End = 0xFF;

    // Value bytes (fd, handle, name): a reference, a small literal, or a literal that follows.
    /// <summary>Below this: a reference, by index among the results of the right kind.</summary>
    public const byte FirstSmallLiteral = 0xE0;
    /// <summary>0xE0..0xFE stand for the literals -1..29: invalid values and the fd numbers a racing thread guesses.</summary>
    public const long SmallLiteralMin = -1, SmallLiteralMax = 29;
    /// <summary>A zigzag varint literal follows.</summary>
    public const byte WideLiteral = 0xFF;

    /// <summary>Number arguments (GEM_CHANGE_HANDLE's new_handle) 1..this take one byte.</summary>
    public const int SmallNumbers = 64;

    /// <summary>Export flags by byte (modulo the length + 1); null: absent; one past the end: a zigzag varint follows.</summary>
    public static readonly long?[] FlagChoices =
        [null, 0, PrimeFlags.DRM_CLOEXEC, PrimeFlags.DRM_RDWR, PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR];
    public static int FlagsWide => FlagChoices.Length;

    /// <summary>Dumb-buffer sizes by byte (modulo the length + 1); null: absent; one past the end: three varints follow.</summary>
    public static readonly (int W, int H, int Bpp)?[] DimsChoices = [null, (64, 64, 32), (0, 0, 0)];
    public static int DimsWide => DimsChoices.Length;

    /// <summary>A fault's site byte equal to this: the site's name follows instead of an index into <see cref="FaultSites.All"/>.</summary>
    public const byte NamedSite = 0xFF;

    // Name slots: one byte per device, thread and result, in that order.
    public const byte CanonicalName = 0;
    /// <summary>Result slots only: the op's result is not assigned to a variable.</summary>
    public const byte NoResult = 1;
    /// <summary>This and above: a name of 1 + (b - FirstNameLength) % 64 characters follows.</summary>
    public const byte FirstNameLength = 2;

    public const string NameStart = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    public const string NameRest = "0123456789" + NameStart;
}
