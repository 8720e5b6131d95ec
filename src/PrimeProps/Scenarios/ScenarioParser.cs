using PrimeProps.Kernel;
using static PrimeProps.Scenarios.ScenarioTokenizer;

namespace PrimeProps.Scenarios;

/// <summary>
/// Reads the scenario text format (see <see cref="ScenarioPrinter"/> for the canonical form).
/// Any string yields a <see cref="Scenario"/> or a <see cref="ScenarioParseException"/>; the limits
/// keep hostile input from costing more than a bounded amount of work and memory.
/// </summary>
public static partial class ScenarioParser
{
    public const string Header = "primeprops-scenario";
    public const int FormatVersion = 1;
    public const int MaxOps = 10_000, MaxThreads = 16, MaxDevices = 16;
    public const int MaxRepeat = 1_000_000, MaxScheduleSteps = 1_000_000;

    public static Scenario Parse(string text, string source = "<text>") => ParseWithProtocol(text, source).Scenario;

    public static Scenario ParseFile(string path) => ParseFileWithProtocol(path).Scenario;

    /// <summary>The scenario and the protocol its 'protocol' line names, if it has one.</summary>
    public static ScenarioFile ParseWithProtocol(string text, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var reader = new Reader(source);
        return new ScenarioFile(reader.Read(text), reader.Protocol);
    }

    /// <inheritdoc cref="ParseWithProtocol"/>
    public static ScenarioFile ParseFileWithProtocol(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or System.Security.SecurityException)
        {
            throw ScenarioParseException.CannotRead(path, e);
        }
        return ParseWithProtocol(text, path);
    }

    // The sections in the order they must appear; a line may not go back to an earlier one.
    private enum Phase { Header, Devices, Setup, Threads, Schedule, Addresses, Faults }

    private sealed partial class Reader(string source)
    {
        private Phase phase = Phase.Header;
        private int lineNumber = 1;
        private readonly List<DeviceDecl> devices = [];
        private List<Op>? setup;
        private readonly List<string> threadNames = [];
        private readonly List<List<Op>> threadOps = [];
        private readonly Dictionary<string, int> threadIndex = [];
        private List<Op>? current; // the section op lines go to
        private List<ScheduleRun>? schedule;
        private long scheduleSteps;
        private readonly List<Fault> faults = [];
        private List<int>? addresses;
        private int opCount;
        // Every result variable in the text, found up front so references may point forward.
        private readonly Dictionary<string, ValueKind> declared = [];
        private readonly List<string> declaredOrder = [];
        // Results seen so far by the in-order pass, for duplicate detection: name -> line.
        private readonly Dictionary<string, int> defined = [];

        public Scenario Read(string text)
        {
            var lines = Lines(text, source);
            if (lines.Count == 0)
                throw ErrorAt(1, $"empty scenario: expected the header '{Header} {FormatVersion}'");
            DeclareResults(lines);
            foreach (var line in lines)
            {
                lineNumber = line.Number;
                ReadLine(line);
            }
            var threads = threadNames.Select((name, i) => new ThreadDecl(name, threadOps[i])).ToList();
            return new Scenario(devices, setup ?? [], threads, schedule ?? [], faults) { Addresses = addresses ?? [] };
        }

        private void DeclareResults(List<SourceLine> lines)
        {
            foreach (var line in lines)
            {
                Token[] t;
                try { t = line.Tokens(3); }
                catch (ScenarioParseException) { continue; } // reported in order by the main pass
                if (t.Length == 3 && t[1].Text == "=" && OpSpec.Named(t[2].Text) is { Returns: not ValueKind.None } spec
                    && IsIdentifierShape(t[0].Text) && t[0].Text.Length <= MaxIdentifier
                    && declared.TryAdd(t[0].Text, spec.Returns))
                    declaredOrder.Add(t[0].Text);
            }
        }

        private void ReadLine(SourceLine line)
        {
            if (phase == Phase.Header)
            {
                ReadHeader(line.Tokens(3));
                return;
            }
            var t = line.Tokens(8); // the longest directive, "v = op a b c", has 6 tokens
            if (t.Length >= 2 && t[1].Text == "=")
            {
                ReadOp(t); // checked first so that a variable may be called "device" or "fault"
                return;
            }
            switch (t[0].Text)
            {
                case "device": ReadDevice(t); break;
                case "setup:": ReadSetup(t); break;
                case "thread": ReadThread(t); break;
                case "schedule:": ReadSchedule(line); break;
                case "addresses:": ReadAddresses(line); break;
                case "fault": ReadFault(t); break;
                case Header: throw Error(t[0], "duplicate header line");
                case ProtocolKeyword: ReadProtocol(t); break;
                case ExtensionKeyword: ReadExtension(t); break;
                case "setup" or "schedule": throw Error(t[0], $"expected '{t[0].Text}:'");
                default: ReadOp(t); break;
            }
        }

        private void ReadHeader(Token[] t)
        {
            if (t[0].Text != Header)
                throw Error(t[0], $"expected the header '{Header} {FormatVersion}' as the first line, got {Show(t[0].Text)}");
            if (t.Length < 2)
                throw ErrorAt(t[0].End, $"expected a format version after '{Header}' (supported: {FormatVersion})");
            if (t[1].Text != FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw Error(t[1], $"unsupported format version {Show(t[1].Text)} (supported: {FormatVersion})");
            if (t.Length > 2)
                throw Error(t[2], $"unexpected {Show(t[2].Text)} after the header");
            phase = Phase.Devices;
        }

        private void ReadDevice(Token[] t)
        {
            Enter(Phase.Devices, t[0], "device lines");
            Arity(t, 2, 3, "device NAME [native|export-only]");
            string name = Identifier(t[1], "device name");
            if (devices.Count >= MaxDevices)
                throw Error(t[0], $"too many devices (at most {MaxDevices})");
            if (devices.Any(d => d.Name == name))
                throw Error(t[1], $"duplicate device {Show(name)}");
            var kind = t.Length == 2 ? DeviceKind.Native : t[2].Text switch
            {
                "native" => DeviceKind.Native,
                "export-only" => DeviceKind.ExportOnly,
                _ => throw Error(t[2], $"unknown device kind {Show(t[2].Text)}: expected native or export-only"),
            };
            devices.Add(new DeviceDecl(name, kind));
        }

        private void ReadSetup(Token[] t)
        {
            if (setup is not null)
                throw Error(t[0], "duplicate 'setup:' section");
            Enter(Phase.Setup, t[0], "the 'setup:' section");
            Arity(t, 1, 1, "setup:");
            current = setup = [];
        }

        private void ReadThread(Token[] t)
        {
            Enter(Phase.Threads, t[0], "thread sections");
            Arity(t, 2, 2, "thread NAME:");
            if (!t[1].Text.EndsWith(':'))
                throw ErrorAt(t[1].End, "expected ':' after the thread name");
            var name = Identifier(t[1] with { Text = t[1].Text[..^1] }, "thread name");
            if (name == "setup")
                throw Error(t[1], "'setup' cannot name a thread: fault lines use it for the setup section");
            if (threadNames.Count >= MaxThreads)
                throw Error(t[0], $"too many threads (at most {MaxThreads})");
            if (!threadIndex.TryAdd(name, threadNames.Count))
                throw Error(t[1], $"duplicate thread {Show(name)}");
            threadNames.Add(name);
            current = [];
            threadOps.Add(current);
        }

        private void ReadSchedule(SourceLine line)
        {
            var cursor = line.Cursor();
            cursor.Next(out var keyword);
            if (schedule is not null)
                throw Error(keyword, "duplicate 'schedule:' line");
            Enter(Phase.Schedule, keyword, "the 'schedule:' line");
            schedule = [];
            current = null;
            // Streamed rather than split: the step limit bounds the entries kept.
            while (cursor.Next(out var entry))
            {
                int star = entry.Text.IndexOf('*');
                var name = star < 0 ? entry : entry with { Text = entry.Text[..star] };
                if (!threadIndex.TryGetValue(name.Text, out int thread))
                    throw Error(name, $"unknown thread {Show(name.Text)} in schedule ({List("threads", threadNames)})");
                long count = 1;
                if (star >= 0)
                {
                    var n = new Token(entry.Text[(star + 1)..], entry.Column + star + 1);
                    count = Integer(n, "a repeat count after '*'");
                    if (count < 1 || count > MaxRepeat)
                        throw Error(n, $"repeat count {count} out of range 1..{MaxRepeat}");
                }
                if ((scheduleSteps += count) > MaxScheduleSteps)
                    throw Error(entry, $"schedule too long (at most {MaxScheduleSteps} steps in total)");
                schedule.Add(new ScheduleRun(thread, (int)count));
            }
        }

        /// <summary>"addresses: P0 P1 ...": dma-buf k goes at position Pk (0..k) among the earlier ones.</summary>
        private void ReadAddresses(SourceLine line)
        {
            var cursor = line.Cursor();
            cursor.Next(out var keyword);
            if (addresses is not null)
                throw Error(keyword, "duplicate 'addresses:' line");
            Enter(Phase.Addresses, keyword, "the 'addresses:' line");
            addresses = [];
            current = null;
            while (cursor.Next(out var entry))
            {
                long at = Integer(entry, "an address position");
                if (addresses.Count >= MaxScheduleSteps)
                    throw Error(entry, $"too many address positions (at most {MaxScheduleSteps})");
                if (at < 0 || at > addresses.Count)
                    throw Error(entry, $"address position {at} out of range: dma-buf {addresses.Count + 1} goes among {addresses.Count} earlier one(s), at 0..{addresses.Count}");
                addresses.Add((int)at);
            }
        }

        private void ReadFault(Token[] t)
        {
            Enter(Phase.Faults, t[0], "fault lines");
            current = null;
            Arity(t, 3, 3, "fault THREAD:N SITE");
            int colon = t[1].Text.IndexOf(':');
            if (colon < 0)
                throw Error(t[1], $"expected THREAD:N (such as T0:1 or setup:2), got {Show(t[1].Text)}");
            var name = t[1] with { Text = t[1].Text[..colon] };
            int thread = Scenario.SetupThread;
            if (name.Text != "setup" && !threadIndex.TryGetValue(name.Text, out thread))
                throw Error(name, $"unknown thread {Show(name.Text)} ({List("threads", threadNames.Append("setup"))})");
            var ops = thread == Scenario.SetupThread ? setup ?? [] : threadOps[thread];
            var n = new Token(t[1].Text[(colon + 1)..], t[1].Column + colon + 1);
            long index = Integer(n, "a 1-based op index after ':'");
            if (index < 1 || index > ops.Count)
                throw Error(n, $"op index {index} out of range: {name.Text} has {ops.Count} op(s), numbered from 1");
            faults.Add(new Fault(thread, (int)index - 1, Identifier(t[2], "fault site")));
        }

        /// <summary>Moves to <paramref name="next"/> unless a later section was already seen.</summary>
        private void Enter(Phase next, Token at, string what)
        {
            if (phase <= next)
            {
                phase = next;
                return;
            }
            var seen = phase switch
            {
                Phase.Setup => "the 'setup:' section",
                Phase.Threads => "thread sections",
                Phase.Schedule => "the 'schedule:' line",
                Phase.Addresses => "the 'addresses:' line",
                _ => "fault lines",
            };
            throw Error(at, $"{what} must come before {seen}");
        }

        private void Arity(Token[] t, int min, int max, string usage)
        {
            if (t.Length < min)
                throw ErrorAt(t[^1].End, $"expected '{usage}'");
            if (t.Length > max)
                throw Error(t[max], $"unexpected {Show(t[max].Text)}: expected '{usage}'");
        }

        private string Identifier(Token t, string what)
        {
            if (!IsIdentifierShape(t.Text))
                throw Error(t, $"invalid {what} {Show(t.Text)}: expected a letter or '_' followed by letters, digits or '_'");
            if (t.Text.Length > MaxIdentifier)
                throw Error(t, $"{what} {Show(t.Text)} is too long (at most {MaxIdentifier} characters)");
            return t.Text;
        }

        private long Integer(Token t, string what) => ParseInteger(t.Text, out long value) switch
        {
            IntegerParse.Ok => value,
            IntegerParse.Overflow => throw Error(t, $"integer overflow: {Show(t.Text)} does not fit in 64 bits"),
            _ => throw Error(t, $"expected {what} (decimal, or hex with 0x), got {Show(t.Text)}"),
        };

        /// <summary>"what: a, b" for an error message; long lists are cut short.</summary>
        private static string List(string what, IEnumerable<string> items)
        {
            var all = items.Take(11).ToList();
            if (all.Count == 0)
                return $"{what}: none";
            return $"{what}: {string.Join(", ", all.Take(10))}{(all.Count > 10 ? ", ..." : "")}";
        }

        private ScenarioParseException Error(Token at, string reason) => ErrorAt(at.Column, reason);

        private ScenarioParseException ErrorAt(int column, string reason) => new(source, lineNumber, column, reason);
    }
}
