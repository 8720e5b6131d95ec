using System.CommandLine;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>The FILE argument, the single --protocol option and --load that replay, repro, report and shrink share.</summary>
internal sealed class ScenarioInput
{
    public Argument<string> File { get; } = new("file") { Description = "Scenario file (.scn)" };
    public Option<string[]> Protocol { get; }
    public Option<string[]> Load { get; } = ProtocolOption.CreateLoad();

    public ScenarioInput(string protocolDescription)
    {
        Protocol = ProtocolOption.Create(protocolDescription);
        Protocol.Required = true;
    }

    /// <summary>The protocol and the parsed file; false (after printing the parse error) for a bad file.</summary>
    public bool TryLoad(ParseResult parsed, string verb, TextWriter stderr, out Scenario scenario, out Func<LinuxKernel> kernel)
    {
        var names = parsed.GetValue(Protocol)!;
        if (names.Length != 1)
            throw new UsageException($"{verb} takes exactly one --protocol");
        kernel = ProtocolOption.Resolve(ProtocolOption.Catalog(parsed, Load), names[0]);
        try
        {
            scenario = ScenarioParser.ParseFile(parsed.GetValue(File)!);
            return true;
        }
        catch (ScenarioParseException e)
        {
            stderr.WriteLine($"primeprops: {e.Message}");
            scenario = null!;
            return false;
        }
    }
}
