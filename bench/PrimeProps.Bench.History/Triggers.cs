using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Bench.History;

/// <summary>The hand-written smallest known trigger of each mutant (fuzz-corpus/history/), run on the mutant and on `modern`.</summary>
public static class Triggers
{
    public static string PathOf(HistoryMutant m) => Path.Combine(AppContext.BaseDirectory, "corpus", "history", m.Trigger);

    public static Scenario Load(HistoryMutant m) => ScenarioParser.ParseFile(PathOf(m));

    public static RunResult OnMutant(HistoryMutant m) => Executor.Run(Load(m), m.Create());

    public static RunResult OnModern(HistoryMutant m) => Executor.Run(Load(m), new Modern());
}
