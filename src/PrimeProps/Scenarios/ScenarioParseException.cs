namespace PrimeProps.Scenarios;

/// <summary>
/// A scenario text that cannot be read, located as "Source:Line:Column: reason" (1-based), or
/// "cannot read FILE: reason" (line and column 0) when the file itself could not be read.
/// </summary>
public sealed class ScenarioParseException : Exception
{
    public ScenarioParseException(string source, int line, int column, string reason, Exception? inner = null)
        : this($"{source}:{line}:{column}: {reason}", source, line, column, reason, inner)
    {
    }

    private ScenarioParseException(string message, string source, int line, int column, string reason, Exception? inner)
        : base(message, inner)
    {
        Source = source;
        base.Source = source; // keep Exception.Source in agreement for code that only sees an Exception
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name, or "&lt;text&gt;" for a string parsed directly.</summary>
    public new string Source { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>The file could not be read at all: "cannot read FILE: no such file", and the like.</summary>
    public static ScenarioParseException CannotRead(string path, Exception e)
    {
        var reason = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => "no such file",
            UnauthorizedAccessException when Directory.Exists(path) => "is a directory",
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "name too long",
            ArgumentException or NotSupportedException => "not a valid path",
            IOException when Directory.Exists(path) => "is a directory",
            _ => e.Message,
        };
        return new ScenarioParseException($"cannot read {path}: {reason}", path, 0, 0, reason, e);
    }
}
