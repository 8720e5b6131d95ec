namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// Scenarios as byte strings for coverage-guided fuzzing. Every byte string decodes to a valid
/// scenario (its printed text parses back to it) and decoding never throws; every scenario
/// within the format's bounds encodes to bytes that decode to the same text.
/// <para>
/// The layout, read front to back; each choice is one byte read modulo its number of options,
/// and a read past the end yields 0, so a cut-off input is a shorter scenario:
/// <code>
/// devices   count (1 + b % 3), then one byte per device: odd = export-only
/// threads   count (b % 5)
/// sections  the setup, then each thread: ops until an opcode byte &gt;= 0xE0, the end of the
///           input, or 32 ops. An op is its OpKind (b % the ops declared: the 10 built-in
///           ones, then a loaded extension's, so loading one changes what a byte string
///           decodes to), then one byte per parameter:
///             device   index of the device
///             fd, handle, name   below 0xE0 a reference (see ResultIndex: 0 = the nearest
///                      earlier result of that kind); 0xE0..0xFE the literals -1..29;
///                      0xFF a zigzag varint literal follows
///             flags    absent, 0, CLOEXEC, RDWR, CLOEXEC|RDWR, or a zigzag varint follows
///             dims     absent, 64x64x32, 0x0x0, or three varints follow
/// schedule  (with threads) runs until a byte &gt;= 0xC0: thread (b % threads), steps - 1 as a
///           varint; at most 256 runs and 100,000 steps
/// faults    until a byte &gt;= 0xC0, at most 8: section (b % (threads + 1), 0 = the setup),
///           op (b % its ops), site (index into FaultSites.All, or 0xFF, a length byte and a name)
/// names     one slot per device, thread and op that returns a value: 0 = the canonical name
///           (d0, T0, fd1/h2/n3 as the generator names them), 1 = result not assigned (ops
///           only), else a name of 1 + (b - 2) % 64 characters follows, one byte each
/// </code>
/// References resolve after the names are read, so the body's bytes keep their meaning when
/// names change, and a mutated index still names a variable of the right kind.
/// </para>
/// </summary>
public static class ScenarioBytes
{
    public static Scenario Decode(ReadOnlySpan<byte> data) => ScenarioDecoder.Decode(data);

    /// <summary>
    /// The shortest bytes this encoder makes for <paramref name="scenario"/>. Throws
    /// <see cref="ArgumentException"/> when the scenario is outside the format: more than 3
    /// devices or none, more than 4 threads, 32 ops in a section, 256 schedule runs, 100,000
    /// schedule steps or 8 faults, or references and names the parser would not accept.
    /// </summary>
    public static byte[] Encode(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var bytes = ScenarioEncoder.Encode(scenario);
        // The contract is the printed text: check it, so no scenario the checks above miss
        // (a hand-built one with a dangling reference, say) encodes to something else.
        if (ScenarioPrinter.Print(Decode(bytes)) != ScenarioPrinter.Print(scenario))
            throw new ArgumentException("outside the byte format: the scenario does not survive a round trip (is it one the parser accepts?)");
        return bytes;
    }

    /// <summary>
    /// <paramref name="scenario"/> with the generator's names (d0, T0, fd1, h2, n3): it runs the
    /// same, and its encoding spends no bytes on names, so a fuzzer's mutations do not either.
    /// </summary>
    public static Scenario WithCanonicalNames(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Encode(scenario); // refuses what the format cannot hold
        return Decode(ScenarioEncoder.Encode(scenario, canonicalNames: true));
    }
}
