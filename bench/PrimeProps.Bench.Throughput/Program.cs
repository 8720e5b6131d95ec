using System.Diagnostics;
using System.Text;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;
using PrimeProps.Tracing;

// Scheduled kernel steps per second with every oracle on, one core (the measured time of each cell), by thread count and
// scenario size; and the cost per step as live objects grow (it should stay flat).
// Reproduce: dotnet run -c Release --project bench/PrimeProps.Bench.Throughput
const double SecondsPerCell = 2.0;
var report = new StringBuilder();
report.AppendLine("# Throughput: scheduled kernel steps per second, every oracle on, one core");
report.AppendLine();
report.AppendLine("Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Throughput`");
report.AppendLine();
report.AppendLine($"Each cell runs for about {SecondsPerCell} s; steps/s divides by the measured time. The reference column counts the runs the "
    + "sequential reference or the linearizability search gave a verdict on (modern only), as the run itself reports it; "
    + $"a stretch of more than {PrimeProps.Reference.Linearizability.MaxPoints} linearization points with no quiescent point, or a search over its budget, is not checked and counted here.");
report.AppendLine();
report.AppendLine(PrimeProps.Bench.Stats.Machine);
report.AppendLine();
report.AppendLine("| protocol | threads | ops/scenario | scenarios | steps | seconds | steps/s | ns/step | checked by the reference |");
report.AppendLine("|---|---|---|---|---|---|---|---|---|");

foreach (var protocol in new[] { "modern", "v3.6" })
    foreach (int threads in new[] { 1, 2, 4 })
        foreach (int ops in new[] { 10, 100, 1000 })
            report.AppendLine(Measure(protocol, threads, ops));

report.AppendLine();
report.AppendLine("## Cost per step as live objects grow (modern, 1 thread: N creates kept alive, then 200 export/import/close rounds)");
report.AppendLine();
report.AppendLine("| live objects | steps | ns/step |");
report.AppendLine("|---|---|---|");
foreach (int live in new[] { 10, 100, 1000, 5000 })
    report.AppendLine(LiveObjects(live));

PrimeProps.Bench.ResultsFile.Publish("throughput", report.ToString());

static string Measure(string protocol, int threads, int ops)
{
    var scenarios = Enumerable.Range(0, 64).Select(i => Sized(new SplitMix64((ulong)(i + 1)), threads, ops)).ToArray();
    Run(protocol, scenarios, 0.3, out _, out _, out _, out _); // warm up the JIT
    Run(protocol, scenarios, SecondsPerCell, out long steps, out int runs, out int referenceChecked, out double elapsed);
    var reference = protocol == "modern" ? $"{referenceChecked} of {runs}" : "n/a (no reference for this era)";
    return $"| {protocol} | {threads} | {ops} | {runs} | {steps} | {elapsed:F2} | {steps / elapsed:N0} | {elapsed * 1e9 / steps:F0} | {reference} |";
}

static void Run(string protocol, Scenario[] scenarios, double seconds, out long steps, out int runs, out int referenceChecked, out double elapsed)
{
    steps = 0;
    runs = 0;
    referenceChecked = 0;
    var clock = Stopwatch.StartNew();
    for (ulong seed = 0; clock.Elapsed.TotalSeconds < seconds; seed++)
    {
        var result = Executor.Run(scenarios[seed % (ulong)scenarios.Length], ProtocolRegistry.Create(protocol), new RandomStrategy(seed));
        steps += result.Trace.Events.Count(e => e.Kind == TraceKind.Step);
        runs++;
        if (ReferenceChecks(result))
            referenceChecked++;
    }
    elapsed = clock.Elapsed.TotalSeconds;
}

// What the reference oracle said of the run: checked (pass or fail) or not (unknown, with a reason).
static bool ReferenceChecks(RunResult run) => run.Reference.Outcome is PrimeProps.Oracles.ReferenceOutcome.Pass or PrimeProps.Oracles.ReferenceOutcome.Fail;

// A scenario of about `ops` operations over `threads` threads: the generator's op mix, with
// its per-thread op count fixed.
static Scenario Sized(SplitMix64 rng, int threads, int ops)
{
    var generator = new ScenarioGenerator(new GeneratorOptions { MaxThreads = 1, MaxOpsPerThread = ops, FaultPercent = 0 });
    Scenario s;
    do s = generator.Generate(rng); while (s.Threads[0].Ops.Count < ops / 2);
    var all = s.Threads[0].Ops;
    var split = Enumerable.Range(0, threads)
        .Select(t => new ThreadDecl($"T{t}", all.Where((_, i) => i % threads == t).ToList())).ToList();
    return s with { Threads = split };
}

static string LiveObjects(int live)
{
    var text = new StringBuilder("primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n");
    for (int i = 0; i < live; i++)
        text.Append($"  k{i} = create_dumb A\n");
    text.Append("thread T0:\n");
    for (int i = 0; i < 200; i++)
        text.Append($"  h{i} = create_dumb A\n  f{i} = handle_to_fd A h{i}\n  x{i} = fd_to_handle A f{i}\n  close f{i}\n  gem_close A h{i}\n");
    var scenario = ScenarioParser.Parse(text.ToString());
    Executor.Run(scenario, new Modern()); // warm up
    var clock = Stopwatch.StartNew();
    long steps = 0;
    int runs = 0;
    while (clock.Elapsed.TotalSeconds < SecondsPerCell)
    {
        var run = Executor.Run(scenario, new Modern());
        steps += run.Trace.Events.Count(e => e.Kind == TraceKind.Step && e.Thread == 0);
        runs++;
    }
    // Only T0's steps are the rounds; the setup's creates are the growing population.
    var perRun = clock.Elapsed.TotalNanoseconds / runs;
    var setupOnly = SetupCost(scenario);
    return $"| {live} | {steps / runs} | {(perRun - setupOnly) / (steps / runs):F0} |";
}

static double SetupCost(Scenario scenario)
{
    var setupOnly = scenario with { Threads = [] };
    var clock = Stopwatch.StartNew();
    int runs = 0;
    while (clock.Elapsed.TotalSeconds < SecondsPerCell / 2)
    {
        Executor.Run(setupOnly, new Modern());
        runs++;
    }
    return clock.Elapsed.TotalNanoseconds / runs;
}
