using System.Globalization;
using System.Text;

namespace PrimeProps.Scenarios;

/// <summary>One whitespace-separated word; <see cref="Column"/> is 1-based, in UTF-16 code units.</summary>
internal readonly record struct Token(string Text, int Column)
{
    /// <summary>The column just past the token: where a missing next token is reported.</summary>
    public int End => Column + Text.Length;
}

/// <summary>
/// A line with at least one token. Tokens are cut out on demand, so a pathological line (say,
/// megabytes of junk) costs only the few tokens a parser looks at before rejecting it.
/// </summary>
internal readonly record struct SourceLine(string Text, string Source, int Number, int Start, int End)
{
    public TokenCursor Cursor() => new(this);

    /// <summary>At most <paramref name="max"/> tokens; more than a directive takes is enough to report the first extra one.</summary>
    public Token[] Tokens(int max)
    {
        var cursor = Cursor();
        var tokens = new List<Token>();
        while (tokens.Count < max && cursor.Next(out var t))
            tokens.Add(t);
        return [.. tokens];
    }
}

internal struct TokenCursor(SourceLine line)
{
    private int pos = line.Start;

    /// <summary>True when a token follows (before end of line or a '#' comment), without cutting it out.</summary>
    public bool HasNext()
    {
        SkipSpace();
        return pos < line.End && line.Text[pos] != '#';
    }

    public bool Next(out Token token)
    {
        token = default;
        if (!HasNext())
            return false;
        int start = pos, column = start - line.Start + 1;
        while (pos < line.End && !ScenarioTokenizer.IsSpace(line.Text[pos]) && line.Text[pos] != '#')
        {
            if (++pos - start > ScenarioTokenizer.MaxToken) // stop early: the rest of a huge token is not worth scanning
                throw new ScenarioParseException(line.Source, line.Number, column,
                    $"token too long (at most {ScenarioTokenizer.MaxToken} characters)");
        }
        token = new Token(line.Text[start..pos], column);
        return true;
    }

    private void SkipSpace()
    {
        while (pos < line.End && ScenarioTokenizer.IsSpace(line.Text[pos]))
            pos++;
    }
}

internal enum IntegerParse { Ok, NotInteger, Overflow }

internal static class ScenarioTokenizer
{
    public const int MaxLines = 100_000;
    public const int MaxIdentifier = 64;
    /// <summary>Far above any canonical token (the longest is a 64-char name plus "*1000000").</summary>
    public const int MaxToken = 1024;

    // '\r' makes CRLF files work; U+FEFF tolerates a byte-order mark left in a string.
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\uFEFF';

    /// <summary>The non-blank lines of <paramref name="text"/>, split at '\n'.</summary>
    public static List<SourceLine> Lines(string text, string source)
    {
        var lines = new List<SourceLine>();
        int number = 0;
        for (int start = 0; start < text.Length;)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline;
            if (++number > MaxLines)
                throw new ScenarioParseException(source, number, 1, $"too many lines (at most {MaxLines})");
            var line = new SourceLine(text, source, number, start, end);
            if (line.Cursor().HasNext())
                lines.Add(line);
            start = end + 1;
        }
        return lines;
    }

    public static bool IsIdentifierShape(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Starts like a number literal rather than a name.</summary>
    public static bool IsNumberStart(string s) => s.Length > 0 && (char.IsAsciiDigit(s[0]) || s[0] == '-');

    /// <summary>Decimal, possibly negative, or 0x hex; the value must fit in a long.</summary>
    public static IntegerParse ParseInteger(string s, out long value)
    {
        value = 0;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X')
        {
            var hex = s.AsSpan(2);
            if (hex.ContainsAnyExcept("0123456789abcdefABCDEF"))
                return IntegerParse.NotInteger;
            if (!ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong u) || u > long.MaxValue)
                return IntegerParse.Overflow;
            value = (long)u;
            return IntegerParse.Ok;
        }
        var digits = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
            return IntegerParse.NotInteger;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? IntegerParse.Ok : IntegerParse.Overflow;
    }

    /// <summary>A token quoted for an error message: shortened, control characters escaped.</summary>
    public static string Show(string s)
    {
        var sb = new StringBuilder("'");
        foreach (char c in s.Length > 40 ? s[..40] : s)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                sb.Append(c);
        }
        return sb.Append(s.Length > 40 ? "...'" : "'").ToString();
    }
}
