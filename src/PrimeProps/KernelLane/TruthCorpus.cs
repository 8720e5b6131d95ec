using System.Globalization;
using System.Text;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.KernelLane;

/// <summary>A truth file that does not read: which file, which line, and why.</summary>
public sealed class TruthFileException(string path, int line, string reason)
    : Exception($"{path}:{line}: {reason}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>One recorded scenario: what ran, what the kernel answered, and the line it starts on.</summary>
public sealed record TruthEntry(LaneScenario Lane, KernelScenario Observed, int Line);

/// <summary>
/// A truth file: what one real kernel answered to the lane's sequential scenarios, recorded once
/// (<c>primeprops kernel --record</c>) and replayed against the model of that kernel's version
/// without a boot. Self-contained: each scenario is its ops, not a generator seed, so it stays
/// valid when the generator changes. Text, one scenario per three lines:
/// <code>
/// primeprops-truth 1
/// kernel 6.1.0-57-amd64
/// record ./primeprops kernel --kernel 6.1 -n 3000 --seed 1 --record kernel-lane/truth/6.1.txt
/// S random seed 1 #0                                        the lane's label
/// O d0: A = open d0; h = create_dumb A; fd = handle_to_fd A h CLOEXEC
/// K 3 1 4/D1/F1r L0                                         per op, then L and X
/// </code>
/// Per op of the O line, a K token: the result ("-EINVAL" for an error), "/D2" when the fd is
/// the second distinct dma-buf, "/F1b" for its FD_CLOEXEC and access mode as the executor prints
/// them, or "." for an op that did not run; then "L" and the live dma-bufs after exit ("L?": not
/// printed), and "X" with the wait status of an abnormal exit. Lines starting with '#' are comments.
/// </summary>
public sealed record TruthFile(string KernelRelease, string RecordCommand, IReadOnlyList<TruthEntry> Entries)
{
    public const string Header = "primeprops-truth";
    public const int FormatVersion = 1;

    /// <summary>The folder of the committed truth files, one per kernel series ("6.1.txt").</summary>
    public const string Folder = "kernel-lane/truth";

    public static string PathOf(string root, string series) => System.IO.Path.Combine(root, Folder, series + ".txt");

    /// <summary>The text of a truth file; every scenario must have an observation.</summary>
    public static string Write(string kernelRelease, string recordCommand, IReadOnlyList<(LaneScenario Lane, KernelScenario Observed)> entries)
    {
        var w = new StringBuilder();
        w.Append(CultureInfo.InvariantCulture, $"{Header} {FormatVersion}\n");
        w.Append("# What a real kernel answered to the kernel lane's scenarios, replayed against the model of its\n");
        w.Append("# version by tests/PrimeProps.Tests/KernelLane/TruthCorpusTests.cs (no boot). Format: TruthCorpus.cs.\n");
        w.Append("kernel ").Append(kernelRelease).Append('\n');
        w.Append("record ").Append(recordCommand).Append('\n');
        foreach (var (lane, observed) in entries)
        {
            var s = lane.Scenario;
            if (s.Devices.Count != 1 || s.Threads.Count > 0 || s.Faults.Count > 0 || s.Schedule.Count > 0 || s.Addresses.Count > 0)
                throw new ArgumentException($"{lane.Label}: a truth file holds sequential one-device scenarios only", nameof(entries));
            w.Append("S ").Append(lane.Label.ReplaceLineEndings(" ")).Append('\n');
            w.Append("O ").Append(s.Devices[0].Name).Append(':');
            for (int k = 0; k < s.Setup.Count; k++)
                w.Append(k == 0 ? " " : "; ").Append(ScenarioPrinter.PrintOp(s.Setup[k]));
            w.Append("\nK");
            for (int k = 0; k < s.Setup.Count; k++)
                w.Append(' ').Append(observed.Calls.Where(c => c.Op == k).Select(Token).FirstOrDefault() ?? ".");
            w.Append(" L").Append(observed.LiveDmaBufs?.ToString(CultureInfo.InvariantCulture) ?? "?");
            if (observed.AbnormalExit is { } x)
                w.Append(" X").Append(x.ToString(CultureInfo.InvariantCulture));
            w.Append('\n');
        }
        return w.ToString();
    }

    private static string Token(KernelCall c)
        => Errno.Format(c.Result) + (c.DmaBuf > 0 ? $"/D{c.DmaBuf}" : "") + (c.Flags is { } f ? "/F" + f : "");

    public static TruthFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TruthFileException(path, 0, $"cannot read: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Reads a truth file's text; anything malformed throws <see cref="TruthFileException"/> naming <paramref name="source"/> and the line.</summary>
    public static TruthFile Parse(string text, string source)
    {
        var lines = text.Split('\n');
        int at = 0; // index of the next line; its number is at + 1
        (int Number, string Text)? Next()
        {
            while (at < lines.Length)
            {
                var line = lines[at++].TrimEnd('\r');
                if (line.Length > 0 && !line.StartsWith('#'))
                    return (at, line);
            }
            return null;
        }
        TruthFileException Bad(int line, string reason) => new(source, line, reason);
        (int Number, string Value) Field(string keyword, string what)
        {
            var line = Next() ?? throw Bad(lines.Length, $"the file ends where {what} should be");
            if (!line.Text.StartsWith(keyword + " ", StringComparison.Ordinal) || line.Text.Length <= keyword.Length + 1)
                throw Bad(line.Number, $"expected {what} ('{keyword} ...'), found '{Cut(line.Text)}'");
            return (line.Number, line.Text[(keyword.Length + 1)..]);
        }

        var header = Field(Header, $"the header '{Header} {FormatVersion}'");
        if (header.Value != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw Bad(header.Number, $"format version '{header.Value}' unknown (this build reads {FormatVersion})");
        var release = Field("kernel", "the kernel release").Value;
        var command = Field("record", "the command that re-records the file").Value;
        var entries = new List<TruthEntry>();
        while (Next() is not null)
        {
            at--; // read it again as a field
            var label = Field("S", "a scenario's label ('S ...')");
            var ops = Field("O", $"the ops of '{label.Value}'");
            var observed = Field("K", $"what the kernel answered to '{label.Value}'");
            var scenario = ParseOps(ops.Value, source, ops.Number);
            entries.Add(new TruthEntry(new LaneScenario(label.Value, scenario), ParseObserved(observed.Value, scenario.Setup.Count, Bad, observed.Number, entries.Count), label.Number));
        }
        return new TruthFile(release, command, entries);
    }

    private static Scenario ParseOps(string text, string source, int line)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw new TruthFileException(source, line, $"expected 'O DEVICE: op; op; ...', found 'O {Cut(text)}'");
        var ops = text[(colon + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var file = new StringBuilder();
        file.Append(CultureInfo.InvariantCulture, $"{ScenarioParser.Header} {ScenarioParser.FormatVersion}\ndevice {text[..colon].Trim()}\n");
        if (ops.Length > 0)
            file.Append("setup:\n").AppendJoin("", ops.Select(op => $"  {op}\n"));
        try
        {
            return ScenarioParser.Parse(file.ToString());
        }
        catch (ScenarioParseException e)
        {
            string where = e.Line >= 4 && e.Line - 4 < ops.Length ? $"op {e.Line - 3} `{ops[e.Line - 4]}`: " : "";
            throw new TruthFileException(source, line, $"bad scenario: {where}{e.Reason}");
        }
    }

    private static KernelScenario ParseObserved(string text, int opCount, Func<int, string, TruthFileException> bad, int line, int index)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int results = Array.FindIndex(tokens, t => t.StartsWith('L'));
        if (results < 0)
            throw bad(line, "no L<n> (live dma-bufs after exit) after the results");
        if (results != opCount)
            throw bad(line, $"{results} result(s) for {opCount} op(s)");
        var calls = new List<KernelCall>();
        for (int k = 0; k < opCount; k++)
            if (tokens[k] != ".")
                calls.Add(ParseCall(k, tokens[k]) ?? throw bad(line, $"op {k + 1}: '{Cut(tokens[k])}' is not RESULT[/D<n>][/F<flags>] or '.'"));
        int? live = null, exit = null;
        if (tokens[opCount] != "L?")
            live = TryInt(tokens[opCount][1..], out int l) ? l : throw bad(line, $"'{Cut(tokens[opCount])}' is not L<n> or L?");
        var rest = tokens.Skip(opCount + 1).ToList();
        if (rest.Count > 0)
            exit = rest[0].StartsWith('X') && TryInt(rest[0][1..], out int x) ? x : throw bad(line, $"'{Cut(rest[0])}' after L: expected X<wait status> or nothing");
        if (rest.Count > 1)
            throw bad(line, $"'{Cut(rest[1])}' after X: expected the end of the line");
        return new KernelScenario(index, calls, live, exit);
    }

    private static KernelCall? ParseCall(int op, string token)
    {
        var parts = token.Split('/');
        long result;
        if (parts[0].StartsWith("-E", StringComparison.Ordinal))
        {
            if (Errno.TryParse(parts[0][1..], out int e) || (parts[0].Length > 2 && TryInt(parts[0][2..], out e)))
                result = -e;
            else
                return null;
        }
        else if (!long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
            return null;
        int dmaBuf = 0;
        string? flags = null;
        foreach (var p in parts.Skip(1))
        {
            if (p.StartsWith('D') && dmaBuf == 0 && flags is null && TryInt(p[1..], out int d) && d > 0)
                dmaBuf = d;
            else if (p.StartsWith('F') && flags is null && p.Length > 1)
                flags = p[1..];
            else
                return null;
        }
        return new KernelCall(op, result, dmaBuf, flags);
    }

    private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Cut(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
