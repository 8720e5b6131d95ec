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
    }
}
