using System.CommandLine;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>
/// The FILE argument, the single --protocol option and --load that replay, repro, report and shrink
/// share. Without --protocol the file's own 'protocol' line (written by every verb that saves
/// a scenario) names it.
/// </summary>
internal sealed class ScenarioInput
{
    public Argument<string> File { get; } = new("file") { Description = "Scenario file (.scn)" };
    public Option<string[]> Protocol { get; }
    public Option<string[]> Load { get; } = ProtocolOption.CreateLoad();

    /// <summary>The protocol the last <see cref="TryLoad"/> resolved.</summary>
    public string ProtocolName { get; private set; } = "";

    public ScenarioInput(string protocolDescription)
    {
        Protocol = ProtocolOption.Create(protocolDescription + "; default: the file's 'protocol' line");
    }

    /// <summary>The protocol and the parsed file; false (after printing the parse error) for a bad file.</summary>
    public bool TryLoad(ParseResult parsed, string verb, TextWriter stderr, out Scenario scenario, out Func<LinuxKernel> kernel)
    {
        var names = parsed.GetValue(Protocol) ?? [];
        if (names.Length > 1)
            throw new UsageException($"{verb} takes exactly one --protocol");
        var catalog = ProtocolOption.Catalog(parsed, Load);
        if (names.Length == 1)
            ProtocolOption.Resolve(catalog, names[0]); // a misspelt protocol first, whatever the file
        var path = parsed.GetValue(File)!;
        ScenarioFile file;
        try
        {
            file = ScenarioParser.ParseFileWithProtocol(path);
        }
        catch (ScenarioParseException e)
        {
            stderr.WriteLine($"primeprops: {e.Message}");
            scenario = null!;
            kernel = null!;
            return false;
        }
        ProtocolName = names.Length == 1 ? names[0]
            : file.Protocol ?? throw new UsageException($"{path} has no '{ScenarioParser.ProtocolKeyword} NAME' line: give --protocol ({catalog.Known})");
        kernel = ProtocolOption.Resolve(catalog, ProtocolName);
        scenario = file.Scenario;
        return true;
    }
}
