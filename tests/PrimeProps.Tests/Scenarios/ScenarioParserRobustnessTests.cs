using System.Text;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Scenarios;

/// <summary>
/// The parser's contract on hostile input: a Scenario or a ScenarioParseException, nothing else.
/// Seeds are fixed so a failure reproduces; the failing input is printed escaped.
/// </summary>
public class ScenarioParserRobustnessTests
{
    private static readonly string[] Valid =
    [
        ScenarioParserTests.Sample,
        "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n  n = flink A h\n"
            + "thread T0:\n  h2 = gem_open A n\n  x = fd_to_handle A 3\n  y = dup x2\nthread T1:\n  x2 = dup A\n"
            + "schedule: T0 T1*2 T0*5\nfault T0:3 object_idr\n",
        "# comment\nprimeprops-scenario 1 # v1\n\ndevice gpu export-only\nthread W:\n\tclose 0x10\n  f = handle_to_fd -1 2 0x80002\n",
    ];

    // Tokens that sit near the edges of the grammar: limits, keywords out of place, odd characters.
    private static readonly string[] Tokens =
    [
        "primeprops-scenario", "1", "2", "device", "native", "export-only", "setup:", "setup", "thread", "T9:", "thread:",
        "schedule:", "fault", "=", "open", "close", "dup", "gem_close", "handle_to_fd", "fd_to_handle", "create_dumb",
        "flink", "gem_open", "h", "A", "fd", "h9", "d0", "d1", "0", "-1", "-", "0x", "0x7fffffffffffffff",
        "0x8000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "000000000000000000000000000001", "CLOEXEC", "RDWR|CLOEXEC", "CLOEXEC|", "|", "CLOEXEC|CLOEXEC", "1x1x1",
        "0x0x0", "99999999999x1x1", "1x1", "x", "T0*0", "T0*1000000", "T1*999999999999", "*", "T0*", "T0:0", "T0:1",
        "T1:99999", "setup:1", ":", "#", "\t", "\r", "\0", "é", "\uFFFD", "\uD800", "\uFEFF", new string('a', 65),
        new string('x', 2000), "\n", "\n\n",
    ];

    [Fact]
    public void Random_bytes_never_escape_as_other_exceptions()
    {
        var rng = new Random(20121001);
        for (int i = 0; i < 10_000; i++)
        {
            var bytes = new byte[rng.Next(0, 200)];
            rng.NextBytes(bytes);
            // Half behind a valid header, so the bytes reach more than the header check.
            string prefix = i % 2 == 0 ? "" : "primeprops-scenario 1\n";
            Check(prefix + Encoding.UTF8.GetString(bytes));
            Check(prefix + Encoding.Latin1.GetString(bytes));
        }
    }

    [Fact]
    public void Mutated_scenarios_never_escape_as_other_exceptions()
    {
        var rng = new Random(36);
        int parsed = 0;
        for (int i = 0; i < 10_000; i++)
            parsed += Check(Mutate(rng, Valid[rng.Next(Valid.Length)])) ? 1 : 0;
        // Not a timing or tuning assertion: if no mutant parsed, the round-trip check never ran.
        Assert.InRange(parsed, 1, 9_999);
    }

    [Fact]
    public void Limits_are_parse_errors()
    {
        const string head = "primeprops-scenario 1\ndevice d0\nthread T0:\n";
        ScenarioParserTests.AssertError(new string('\n', 100_000) + "x", 100_001, 1, "too many lines (at most 100000)");
        ScenarioParserTests.AssertError(head + string.Concat(Enumerable.Repeat("  close 1\n", 10_001)), 10_004, 3, "too many ops (at most 10000)");
        // T0 is the first thread, so t15 on line 19 is the seventeenth.
        ScenarioParserTests.AssertError(head + string.Concat(Enumerable.Range(0, 17).Select(i => $"thread t{i}:\n")),
            19, 1, "too many threads (at most 16)");
        ScenarioParserTests.AssertError("primeprops-scenario 1\n" + string.Concat(Enumerable.Range(0, 17).Select(i => $"device d{i}\n")),
            18, 1, "too many devices (at most 16)");
        ScenarioParserTests.AssertError(head + "schedule: T0*1000001\n", 4, 14, "repeat count 1000001 out of range");
        ScenarioParserTests.AssertError(head + "schedule: T0*1000000 T0\n", 4, 22, "at most 1000000 steps in total");
        ScenarioParserTests.AssertError(head + $"  {new string('v', 65)} = dup 1\n", 4, 3, "too long (at most 64 characters)");
        ScenarioParserTests.AssertError(head + "  close " + new string('1', 5000) + "\n", 4, 9, "token too long");
    }

    [Fact]
    public void Inputs_at_the_limits_parse()
    {
        var ops = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"  v{i} = dup 1\n"));
        string name = new('n', 64);
        string text = $"primeprops-scenario 1\nthread {name}:\n{ops}schedule: {name}*1000000\nfault {name}:10000 x\n";

        var s = ScenarioParser.Parse(text);

        Assert.Equal(10_000, s.OpCount);
        Assert.Equal(1_000_000, s.Schedule.Single().Count);
        Assert.Equal(text, s.ToText());
    }

    /// <summary>True when the input parsed (and then printed and re-parsed to the same scenario).</summary>
    private static bool Check(string input)
    {
        Scenario s;
        try
        {
            s = ScenarioParser.Parse(input, "fuzz");
        }
        catch (ScenarioParseException e)
        {
            if (!e.Message.StartsWith($"fuzz:{e.Line}:{e.Column}: ", StringComparison.Ordinal) || e.Line < 1 || e.Column < 1)
                Assert.Fail($"badly located error {e.Message} for input {Escape(input)}");
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name}: {e.Message} for input {Escape(input)}\n{e.StackTrace}");
            throw;
        }
        string printed;
        try
        {
            printed = s.ToText();
            var again = ScenarioParser.Parse(printed);
            ScenarioAssert.Equal(s, again);
            Assert.Equal(printed, again.ToText());
        }
        catch (Exception e)
        {
            Assert.Fail($"round trip failed: {e.Message} for input {Escape(input)}");
            throw;
        }
        return true;
    }

    private static string Mutate(Random rng, string text)
    {
        var lines = text.Split('\n').ToList();
        for (int n = rng.Next(1, 4); n > 0; n--)
        {
            int at = rng.Next(lines.Count);
            switch (rng.Next(6))
            {
                case 0 when lines.Count > 1:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[rng.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[^1]) = (lines[^1], lines[at]);
                    break;
                case 3 when lines[at].Length > 0:
                    var chars = lines[at].ToCharArray();
                    chars[rng.Next(chars.Length)] = (char)(rng.Next(3) == 0 ? rng.Next(0x10000) : rng.Next(0x20, 0x7f));
                    lines[at] = new string(chars);
                    break;
                case 4:
                    lines[at] = lines[at].Insert(rng.Next(lines[at].Length + 1), $" {Tokens[rng.Next(Tokens.Length)]} ");
                    break;
                default:
                    var joined = string.Join('\n', lines);
                    lines = joined[..rng.Next(joined.Length + 1)].Split('\n').ToList();
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ when c < 0x20 || c >= 0x7f => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
