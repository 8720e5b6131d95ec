using PrimeProps.Bench;
using PrimeProps.Bench.Races;

// Catalog row 1 on v3.6: PrimeProps' strategies, Coyote's TestingEngine on a hand port, and two OS threads on the same port.
const string Command = "dotnet run -c Release --project bench/PrimeProps.Bench.Races";
const int Seeds = 20;
const int MaxIterations = 10_000;   // the hunt benchmark's cap, for the schedule-driven tools
const int MaxOsRounds = 200_000;

var lines = new List<RaceLine>();
var notes = new List<string>();

// Warm the JIT for every tool so the first measured hunt is not charged for compiling.
foreach (var name in PrimePropsHunt.Strategies)
    PrimePropsHunt.Run(PrimePropsHunt.Strategy(name), 0);
OsThreadHunt.Run(0, 100, yields: true);

foreach (var name in PrimePropsHunt.Strategies)
{
    var strategy = PrimePropsHunt.Strategy(name);
    var hunts = Enumerable.Range(0, strategy.Seeded ? Seeds : 1).Select(seed => PrimePropsHunt.Run(strategy, (ulong)seed)).ToList();
    lines.Add(new RaceLine("PrimeProps (model of v3.6)", name, hunts));
}

if (CoyoteRewriting.Check() is { } reason)
{
    notes.Add($"Coyote: not measured: {reason}");
}
else
{
    foreach (var name in new[] { "random", "PCT d=2" })
    {
        CoyoteHunt.Run(name, 0, 10);
        lines.Add(new RaceLine("Coyote 1.7.11 (hand port)", name,
            [.. Enumerable.Range(1, Seeds).Select(seed => CoyoteHunt.Run(name, (uint)seed, MaxIterations))]));
    }
    notes.Add("Coyote runs the hand port (`Row1Port.cs`) after `coyote rewrite` (the build runs it, with the CLI from `.config/dotnet-tools.json`); scheduling points are `SchedulingPoint.Interleave()` at the "
        + "places the model has a shared access, plus Coyote's own at Task.Run, lock and WhenAll. PCT d=2 is "
        + "`WithPrioritizationStrategy(false, 1)` (one priority change).");
}

foreach (var yields in new[] { true, false })
    lines.Add(new RaceLine("OS threads (hand port)", yields ? "stress, Thread.Yield at each point" : "stress, no yields",
        [.. Enumerable.Range(1, Seeds).Select(seed => OsThreadHunt.Run(seed, MaxOsRounds, yields))]));
notes.Add("PrimeProps runs the full v3.6 model (every oracle on, the real executor) of the catalog scenario without its schedule; "
    + "Coyote and OS threads run a hand port of only the two paths involved (`Row1Port.cs`, written for this benchmark and trusted to match the model): the port's writing and its fidelity are costs this table does not show.");
notes.Add("Exhaustive b=1 is deterministic: one hunt, not 20. PrimeProps and Coyote replay by seed; the OS-thread lines do not "
    + "(the OS schedules), and vary a lot between invocations: two earlier runs on this machine gave no-yield medians of 16359 rounds "
    + "(15/20 found) and 1192 rounds (20/20).");

ResultsFile.Publish("races", RaceTable.Format(Command, Seeds, lines, notes));
