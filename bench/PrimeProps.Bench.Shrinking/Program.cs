using PrimeProps.Bench;
using PrimeProps.Bench.Shrinking;

// The same planted sequential bug, found and shrunk by PrimeProps, FsCheck's state machine and CsCheck.
const string Command = "dotnet run -c Release --project bench/PrimeProps.Bench.Shrinking";
const int Seeds = 20;
const int MaxCases = 200_000;

// Warm the JIT up so the first measured hunt is not charged for compiling the model and the libraries.
PrimePropsDriver.Run(0, 2_000);
FsCheckDriver.Run(0, 200);
CsCheckDriver.Run(2_000);

var drivers = new (string Name, Func<int, ShrinkHunt> Hunt)[]
{
    ("PrimeProps (ScenarioGenerator + Shrinker)", seed => PrimePropsDriver.Run(seed, MaxCases)),
    ("FsCheck 3.6.0 property over command lists", seed => FsCheckDriver.Run(seed, MaxCases)),
    ("CsCheck 5.0.1 Sample", _ => CsCheckDriver.Run(MaxCases)),
};
var lines = new List<ShrinkLine>();
foreach (var (name, hunt) in drivers)
{
    Console.Error.WriteLine(name);
    lines.Add(new ShrinkLine(name, [.. Enumerable.Range(1, Seeds).Select(hunt)]));
}

string[] differences =
[
    "Op mix and references: all three draw ops with the weights of `GeneratorOptions.DefaultOpWeights`, 10% raw numbers "
        + "(the same ranges) and otherwise a value of the right kind made earlier. PrimeProps picks among the variables made so far; "
        + "FsCheck and CsCheck draw an ordinal among the values made so far and bind it to the op that made it, so a reference "
        + "stays put when a shrinker removes other ops (FsCheck's Pre rejects a run whose op lost its value's maker).",
    "Shape: the same for all three: 1-2 opens and 1-2 creates, then 1-6 ops drawn by weight, one device, one thread. "
        + "(An earlier version let FsCheck's state machine start with exactly one open and one create, which steered every reference "
        + "to them; it no longer does.)",
    "Size: every driver counts every op of its repro, PrimeProps' setup (opens, creates) included, which its shrinker "
        + "removes like any other op.",
    "A case is one executor run for every driver, and so is every shrink attempt: the run columns count them. FsCheck runs "
        + "a property over command lists (its documented model-based form for a system whose actual cannot be stepped one command "
        + "at a time: the executor runs a whole scenario); an earlier version used FsCheck.Experimental's state machine, whose "
        + "Check after every command re-ran the whole prefix, which charged FsCheck about twice PrimeProps' executor runs.",
    "Shrinking: PrimeProps' shrinker removes ops (with their dependents) until 1-minimal; FsCheck removes one command at a "
        + "time, keeping lists whose references still resolve; CsCheck keeps sampling after the first failure and keeps the failing case of the smallest "
        + $"size, so its shrink time is the rest of its {MaxCases}-case budget and its result is only as small as luck allows.",
    "Seeds: PrimeProps and FsCheck are seeded 1-20 and replay exactly; CsCheck's `seed` replays one case, not a run, "
        + "so its 20 runs are unseeded and differ from one invocation to the next.",
];

ResultsFile.Publish("shrinking", ShrinkTable.Format(Command, Seeds, MaxCases, lines, differences));
