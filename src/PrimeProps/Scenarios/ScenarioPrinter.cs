using System.Globalization;
using System.Text;
using PrimeProps.Kernel;

namespace PrimeProps.Scenarios;

/// <summary>
/// Writes a scenario in the canonical text form: no comments or blank lines, ops indented by two
/// spaces, '\n' line ends, and only what differs from the defaults (no "native", no empty
/// "setup:" or "schedule:"). For any scenario the parser accepts, the output parses back to an
/// equal scenario; the printer does not validate, so a scenario built by hand with dangling
/// references or unknown thread indices prints text that the parser rejects (or throws here).
/// </summary>
public static class ScenarioPrinter
{
    /// <param name="protocol">When given, a 'protocol' line after the header records where the scenario was found.</param>
    public static string Print(Scenario s, string? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var w = new StringBuilder();
        w.Append(CultureInfo.InvariantCulture, $"{ScenarioParser.Header} {ScenarioParser.FormatVersion}\n");
        if (protocol is not null)
            w.Append(ScenarioParser.ProtocolKeyword).Append(' ').Append(protocol).Append('\n');
        foreach (var extension in s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).Select(op => OpSpec.Of(op.Kind).Extension).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            w.Append(ScenarioParser.ExtensionKeyword).Append(' ').Append(extension).Append('\n');
        foreach (var d in s.Devices)
            w.Append("device ").Append(d.Name).Append(d.Kind == DeviceKind.ExportOnly ? " export-only\n" : "\n");
        if (s.Setup.Count > 0)
            Section(w, "setup:", s.Setup);
        foreach (var t in s.Threads)
            Section(w, $"thread {t.Name}:", t.Ops);
        if (s.Schedule.Count > 0)
        {
            w.Append("schedule:");
            foreach (var r in s.Schedule)
                w.Append(' ').Append(s.ThreadName(r.Thread)).Append(r.Count == 1 ? "" : "*" + Dec(r.Count));
            w.Append('\n');
        }
        if (s.Addresses.Count > 0)
            w.Append("addresses: ").AppendJoin(' ', s.Addresses.Select(a => Dec(a))).Append('\n');
        foreach (var f in s.Faults)
            w.Append("fault ").Append(s.ThreadName(f.Thread)).Append(':').Append(Dec(f.Op + 1L)).Append(' ').Append(f.Site).Append('\n');
        return w.ToString();
    }

    public static string ToText(this Scenario s) => Print(s);

    private static void Section(StringBuilder w, string header, IReadOnlyList<Op> ops)
    {
        w.Append(header).Append('\n');
        foreach (var op in ops)
            w.Append("  ").Append(PrintOp(op)).Append('\n');
    }

    /// <summary>One op line without indentation, e.g. "fd = handle_to_fd A h CLOEXEC".</summary>
    public static string PrintOp(Op op)
    {
        var w = new StringBuilder();
        if (op.Result is not null)
            w.Append(op.Result).Append(" = ");
        w.Append(OpSpec.Of(op.Kind).Name);
        foreach (var a in op.Args)
            w.Append(' ').Append(Arg(a));
        return w.ToString();
    }

    private static string Arg(Arg a) => a.Kind switch
    {
        ValueKind.Flags => Flags(a.Raw),
        ValueKind.Dims => $"{Dec(a.Width)}x{Dec(a.Height)}x{Dec(a.Bpp)}",
        _ => a.Var ?? Dec(a.Raw), // a device name, a variable, or a literal fd/handle/name
    };

    /// <summary>Known bits by name, so the common cases read like the C; anything else in hex.</summary>
    private static string Flags(long value) => value switch
    {
        0 => "0",
        PrimeFlags.DRM_CLOEXEC => "CLOEXEC",
        PrimeFlags.DRM_RDWR => "RDWR",
        PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR => "CLOEXEC|RDWR",
        < 0 => Dec(value), // the parser has no negative hex
        _ => "0x" + value.ToString("x", CultureInfo.InvariantCulture),
    };

    private static string Dec(long value) => value.ToString(CultureInfo.InvariantCulture);
}
