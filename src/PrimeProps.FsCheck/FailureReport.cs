using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Repro;

namespace PrimeProps.FsCheck;

/// <summary>
/// What a failing property prints: the violation, how to replay it, and the scenario with the
/// schedule it took (FsCheck shows the label of the last, shrunk, failure).
/// </summary>
internal static class FailureReport
{
    public static string Of<TProtocol>(RunResult run) where TProtocol : LinuxKernel, new()
    {
        var failing = run with { Scenario = run.WithTakenSchedule() };
        bool save = RegressionCorpus.SaveRequested;
        var file = save ? RegressionCorpus.PathFor(failing) : "repro.scn";
        var replay = ReplayLine<TProtocol>(file, failing.Protocol);
        var where = !save ? $"save it as {file} to replay it; {RegressionCorpus.SaveVariable}=1 saves it under fuzz-corpus/regressions/"
            : RegressionCorpus.Root is null ? $"not saved: no project folder (fuzz-corpus/, .git or a .sln) above {Environment.CurrentDirectory}"
            : RegressionCorpus.Save(file, failing, $"replay:   {replay}") ? $"saved as {file} in {RegressionCorpus.Root}"
            : $"not saved: {file} in {RegressionCorpus.Root} holds a smaller repro of this oracle";

        return $"""
            {failing.Violation}
            replay: {replay}
            scenario ({where}):
            {ReproFile.Render(failing)}
            """;
    }

    /// <summary>The command line knows the built-in protocols; a user's own subclass replays from C#.</summary>
    private static string ReplayLine<TProtocol>(string file, string protocol) where TProtocol : LinuxKernel, new()
        => ProtocolRegistry.TryCreate(protocol)?.GetType() == typeof(TProtocol)
            ? $"primeprops replay {file} --protocol {protocol}"
            : $"Executor.Run(ScenarioParser.ParseFile(\"{file}\"), new {typeof(TProtocol).Name}())";
}
