using System.Globalization;
using System.Text.RegularExpressions;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Igt;

/// <summary>
/// One side of an assert: a result variable, bound to the op that defines it (thread index or
/// <see cref="Scenario.SetupThread"/>, op index), or a constant (a number or a negated errno).
/// </summary>
internal readonly record struct Operand(string Text, int Thread, int Op, long Constant, bool IsVariable)
{
    public static Operand Variable(string name, int thread, int op) => new(name, thread, op, 0, true);

    public static Operand Of(string text, long constant) => new(text, 0, 0, constant, false);

    /// <summary>What the operand stands for in a run; null when its op did not return there.</summary>
    public long? ValueIn(RunResult run) => IsVariable ? run.ReturnOf(Thread, Op) : Constant;

    /// <summary>"h = 1" for a variable, "expected -EINVAL" for a constant (only '==' takes one).</summary>
    public string Show(long value) => IsVariable ? $"{Text} = {Errno.Format(value)}" : $"expected {Text}";
}

/// <summary>
/// One "# assert PROTOCOLS: EXPR" comment line of a scenario file: an observation the IGT test
/// makes, written as a comparison of syscall results. PROTOCOLS is "all" or a comma list of
/// protocol names; EXPR is "VAR == VAR", "VAR != VAR", "VAR == NUMBER" or "VAR == -ERRNO",
/// where VAR is a result variable of the scenario and stands for what its op returned.
/// A malformed line or an unknown name is an error, never an assert that silently holds.
/// </summary>
internal sealed partial record AssertLine(string Where, string Text, IReadOnlySet<string>? Protocols, Operand Left, bool Equal, Operand Right)
{
    /// <summary>Every assert line of a scenario file, with its variables bound to the scenario's ops.</summary>
    /// <exception cref="FormatException">A malformed line or an unknown name; the message names file and line.</exception>
    public static IReadOnlyList<AssertLine> ReadAll(string path, Scenario scenario)
    {
        var lines = File.ReadAllLines(path);
        var asserts = new List<AssertLine>();
        for (int i = 0; i < lines.Length; i++)
            if (Prefix().IsMatch(lines[i]))
                asserts.Add(Parse($"{Path.GetFileName(path)}:{i + 1}", lines[i].Trim(), scenario));
        return asserts;
    }

    /// <param name="where">"file:line", for messages.</param>
    /// <exception cref="FormatException">A malformed line or an unknown name.</exception>
    public static AssertLine Parse(string where, string text, Scenario scenario)
    {
        var m = Shape().Match(text);
        if (!m.Success)
            throw Malformed(where, text, "expected '# assert PROTOCOLS: VAR == VAR|NUMBER|-ERRNO' or '# assert PROTOCOLS: VAR != VAR'");
        var protocols = ReadProtocols(where, text, m.Groups["protocols"].Value.Trim());
        var left = Bind(where, text, m.Groups["left"].Value, scenario);
        bool equal = m.Groups["op"].Value == "==";
        var right = ReadRight(where, text, m.Groups["right"].Value, scenario);
        if (!equal && !right.IsVariable)
            throw Malformed(where, text, "'!=' compares two variables");
        return new AssertLine(where, text, protocols, left, equal, right);
    }

    public bool Names(string protocol) => Protocols is null || Protocols.Contains(protocol);

    /// <summary>Null when the assert holds in the run; otherwise what failed, with the values.</summary>
    public string? Check(RunResult run)
    {
        long? left = Left.ValueIn(run), right = Right.ValueIn(run);
        if (left is null || right is null)
        {
            var missing = left is null ? Left.Text : Right.Text;
            return $"{Where}: '{Text}' on {run.Protocol}: {missing} has no value (its op did not return in this run)";
        }
        bool holds = Equal ? left == right : left != right;
        return holds ? null : $"{Where}: '{Text}' fails on {run.Protocol}: {Left.Show(left.Value)}, {Right.Show(right.Value)}";
    }

    private static HashSet<string>? ReadProtocols(string where, string text, string list)
    {
        if (list == "all")
            return null;
        var names = list.Split(',', StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (!ProtocolRegistry.Names.Contains(name))
                throw Malformed(where, text, $"unknown protocol '{name}' (expected 'all' or a comma list of: {string.Join(", ", ProtocolRegistry.Names)})");
        return [.. names];
    }

    private static Operand ReadRight(string where, string text, string token, Scenario scenario)
    {
        if (token.StartsWith("-E", StringComparison.Ordinal))
            return Errno.TryParse(token[1..], out int errno)
                ? Operand.Of(token, -errno)
                : throw Malformed(where, text, $"unknown errno '{token[1..]}'");
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
            return Operand.Of(token, number);
        return Bind(where, text, token, scenario);
    }

    // The op whose result the variable names: the parser keeps result names unique.
    private static Operand Bind(string where, string text, string name, Scenario scenario)
    {
        for (int thread = Scenario.SetupThread; thread < scenario.Threads.Count; thread++)
        {
            var ops = scenario.OpsOf(thread);
            for (int op = 0; op < ops.Count; op++)
                if (ops[op].Result == name)
                    return Operand.Variable(name, thread, op);
        }
        throw Malformed(where, text, $"unknown variable '{name}' (not the result of any op of the scenario)");
    }

    private static FormatException Malformed(string where, string text, string why) => new($"{where}: {why}: '{text}'");

    // "# assert" as the comment's first word marks the line as an assert, well-formed or not.
    [GeneratedRegex(@"^\s*#\s*assert\b")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^#\s*assert\s+(?<protocols>[^:]+):\s*(?<left>[A-Za-z_][A-Za-z0-9_]*)\s+(?<op>==|!=)\s+(?<right>\S+)$")]
    private static partial Regex Shape();
}
