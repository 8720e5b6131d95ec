namespace PrimeProps.Repro;

/// <summary>
/// An output file or folder could not be written: "cannot write PATH: REASON", the path as the
/// user gave it and the reason in the words of the C library (the command line exits 2 on it).
/// </summary>
public sealed class OutputWriteException(string path, string reason, Exception? inner = null)
    : IOException($"cannot write {path}: {reason}", inner)
{
    public string PathGiven { get; } = path;
    public string Reason { get; } = reason;

    internal static bool IsWriteError(Exception e)
        => e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException;

    internal static OutputWriteException From(string path, Exception e) => e switch
    {
        OutputWriteException w => w,
        // The runtime's message names the temporary file; the errno text alone does not.
        // On Unix a plain IOException carries the raw errno as its HResult (no Win32 facility bits).
        IOException when (e.HResult & ~0xFFFF) == 0 && StrError.Text(e.HResult) is { } text => new(path, text, e),
        DirectoryNotFoundException => new(path, "no such directory", e),
        UnauthorizedAccessException => new(path, "permission denied", e),
        PathTooLongException => new(path, "name too long", e),
        ArgumentException or NotSupportedException => new(path, "not a valid path", e),
        _ => new(path, e.Message, e),
    };

    internal static void TryDelete(string tmp)
    {
        try
        {
            File.Delete(tmp);
        }
        catch (Exception e) when (IsWriteError(e))
        {
            // The write failed already; the error names the path the user gave.
        }
    }

    /// <summary>The strerror text of the errors a write meets, as .NET reports them in HResult on Unix.</summary>
    private static class StrError
    {
        public static string? Text(int errno) => errno switch
        {
            2 => "no such file or directory",
            13 => "permission denied",
            17 => "file exists",
            20 => "not a directory",
            21 => "is a directory",
            28 => "no space left on device",
            30 => "read-only file system",
            36 => "name too long",
            122 => "disk quota exceeded",
            _ => null,
        };
    }
}
