namespace PrimeProps.Scenarios;

/// <summary>
/// A scenario text that cannot be read, located as "Source:Line:Column: reason" (1-based;
/// line and column 0 when the file itself could not be read).
/// </summary>
public sealed class ScenarioParseException : Exception
{
    public ScenarioParseException(string source, int line, int column, string reason, Exception? inner = null)
        : base($"{source}:{line}:{column}: {reason}", inner)
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
}
