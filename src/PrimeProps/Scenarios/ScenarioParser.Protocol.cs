using static PrimeProps.Scenarios.ScenarioTokenizer;

namespace PrimeProps.Scenarios;

/// <summary>
/// A scenario as a file holds it: the scenario and the protocol its optional 'protocol' line
/// names (null without one), so `primeprops replay FILE` needs no --protocol for a saved finding.
/// </summary>
public sealed record ScenarioFile(Scenario Scenario, string? Protocol);

public static partial class ScenarioParser
{
    /// <summary>"protocol NAME", allowed only as the line right after the header.</summary>
    public const string ProtocolKeyword = "protocol";

    private const int MaxProtocolName = 64;

    /// <summary>"extension NAME": the scenario uses ops that the assembly NAME declares; allowed only before the devices.</summary>
    public const string ExtensionKeyword = "extension";

    private sealed partial class Reader
    {
        public string? Protocol { get; private set; }

        private void ReadProtocol(Token[] t)
        {
            if (Protocol is not null)
                throw Error(t[0], "duplicate 'protocol' line");
            if (phase != Phase.Devices || devices.Count > 0)
                throw Error(t[0], $"the '{ProtocolKeyword} NAME' line must come right after the header");
            Arity(t, 2, 2, $"{ProtocolKeyword} NAME");
            var name = t[1].Text;
            if (name.Length > MaxProtocolName || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_'))
                throw Error(t[1], $"invalid protocol name {Show(name)}: expected at most {MaxProtocolName} letters, digits, '.', '-', '+' or '_'");
            Protocol = name;
        }

        /// <summary>The extensions the file names, each with its line.</summary>
        private readonly Dictionary<string, int> extensions = [];

        private void ReadExtension(Token[] t)
        {
            if (phase != Phase.Devices || devices.Count > 0)
                throw Error(t[0], $"the '{ExtensionKeyword} NAME' lines must come right after the header (and the protocol line)");
            Arity(t, 2, 2, $"{ExtensionKeyword} NAME");
            var name = t[1].Text;
            if (!extensions.TryAdd(name, lineNumber))
                throw Error(t[1], $"duplicate extension {Show(name)} (first named on line {extensions[name]})");
            var loaded = OpSpec.All.Select(s => s.Extension).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            if (!loaded.Contains(name))
                throw Error(t[1], $"extension {Show(name)} is not loaded, so its ops are unknown: load its assembly with --load PATH/{name}.dll"
                                  + (loaded.Count > 0 ? $" (loaded extensions: {string.Join(", ", loaded)})" : ""));
        }

        /// <summary>A call of a loaded extension is allowed only in a file that names the extension.</summary>
        private void RequireExtension(Token opName, OpSpec spec)
        {
            if (spec.Extension is { } ext && !extensions.ContainsKey(ext))
                throw Error(opName, $"op {Show(spec.Name)} comes from extension {Show(ext)}: name it on an '{ExtensionKeyword} {ext}' line after the header");
        }
    }
}
