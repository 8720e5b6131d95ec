using System.Diagnostics;
using System.Text;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Bytes;
using PrimeProps.Search;

// Feeds random and mutated inputs through the scenario parser, the fuzzer's byte codec, its corpus loaders and the command line and counts
// what escapes: any exception other than a clear parse error, and any input slower than a second.
// Reproduce: dotnet run -c Release --project bench/PrimeProps.Bench.Robustness [-- INPUTS]
int inputs = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var rng = new SplitMix64(2026);
var seeds = SeedTexts(rng);
var tmp = Directory.CreateTempSubdirectory("primeprops-robust-").FullName;
var lanes = new (string Name, Func<SplitMix64, string?> Run)[]
{
    ("parser: random bytes", r => Parse(RandomText(r))),
    ("parser: mutated scenarios", r => Parse(Mutations.Mutate(r, r.Pick(seeds)))),
    ("byte codec: random bytes", r => Decode(RandomBytes(r))),
    ("byte codec: mutated encodings", r => Decode(MutateBytes(r, ScenarioBytes.Encode(ScenarioParser.Parse(r.Pick(seeds)))))),
    ("corpus loaders: damaged seed and regression files", r => Corpora(r, tmp, seeds)),
    ("command line: every verb and option, output paths included", r => CommandLine(r, tmp, seeds)),
};

var report = new StringBuilder("# Robustness: random and mutated inputs\n\n");
report.AppendLine($"Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Robustness -- {inputs}`\n");
report.AppendLine(PrimeProps.Bench.Stats.Machine + "\n");
var statusBefore = GitStatus();
// Relative output paths land in the scratch folder, and with no AFL++ on PATH a fuzz command line stops at its prerequisites.
var (workingDirectory, path) = (Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"));
Environment.CurrentDirectory = tmp;
Environment.SetEnvironmentVariable("PATH", "");
report.AppendLine("| lane | inputs | unhandled exceptions | slower than 1 s | seconds |");
report.AppendLine("|---|---|---|---|---|");
foreach (var (name, run) in lanes)
{
    int n = name.StartsWith("command") ? inputs / 20 : name.StartsWith("corpus") ? inputs / 10 : inputs; // CLI and corpus inputs touch files
    int escaped = 0, slow = 0;
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < n; i++)
    {
        var before = clock.Elapsed;
        if (run(rng) is { } failure && ++escaped <= 5)
            Console.Error.WriteLine($"{name}: {failure}");
        if ((clock.Elapsed - before).TotalSeconds > 1)
            slow++;
    }
    report.AppendLine($"| {name} | {n:N0} | {escaped} | {slow} | {clock.Elapsed.TotalSeconds:F1} |");
}
Environment.CurrentDirectory = workingDirectory;
Environment.SetEnvironmentVariable("PATH", path);
var root = PrimeProps.RepositoryRoot.Require();
var tempFiles = Directory.GetFiles(tmp, "*.tmp", SearchOption.AllDirectories)
    .Concat(Directory.GetFiles(Path.Combine(root, "fuzz-corpus"), "*.tmp", SearchOption.AllDirectories)).ToList();
var statusAfter = GitStatus();
report.AppendLine();
report.AppendLine($"Temporary files left (`.NAME.PID.tmp`, in the scratch folder and fuzz-corpus/): {tempFiles.Count}. "
    + $"`git status` of the checkout {(statusAfter == statusBefore ? "unchanged" : $"CHANGED:\n```\n{statusAfter}```")}. "
    + "Every command line ran in process (`Program.Run`): a crash would be an unhandled exception above, and any exit status "
    + "outside 0/1/2/3/130, or an exit 2 without a `primeprops:` message, counts there too.");
foreach (var f in tempFiles.Take(5))
    Console.Error.WriteLine($"left behind: {f}");
Directory.Delete(tmp, recursive: true);
PrimeProps.Bench.ResultsFile.Publish("robustness", report.ToString());

static string GitStatus()
{
    var start = new ProcessStartInfo("git", ["-C", PrimeProps.RepositoryRoot.Require(), "status", "--porcelain"]) { RedirectStandardOutput = true };
    using var git = Process.Start(start)!;
    var output = git.StandardOutput.ReadToEnd();
    git.WaitForExit();
    return output;
}

static string? Parse(string text)
{
    try
    {
        ScenarioParser.Parse(text);
        return null;
    }
    catch (ScenarioParseException)
    {
        return null;
    }
    catch (Exception e)
    {
        return $"{e.GetType().Name}: {e.Message} on input {Quote(text)}";
    }
}

// The fuzzer's decoder must turn any bytes into a scenario, the same one every time.
static string? Decode(byte[] bytes)
{
    try
    {
        var once = ScenarioPrinter.Print(ScenarioBytes.Decode(bytes));
        return once == ScenarioPrinter.Print(ScenarioBytes.Decode(bytes)) ? null : $"two decodings differ for {Convert.ToHexString(bytes)}";
    }
    catch (Exception e)
    {
        return $"{e.GetType().Name}: {e.Message} on bytes {Convert.ToHexString(bytes)}";
    }
}

static byte[] RandomBytes(SplitMix64 r)
{
    var bytes = new byte[r.Next(0, 300)];
    for (int i = 0; i < bytes.Length; i++)
        bytes[i] = (byte)r.Next(256);
    return bytes;
}

static byte[] MutateBytes(SplitMix64 r, byte[] bytes)
{
    var list = bytes.ToList();
    for (int n = r.Next(1, 5); n > 0 && list.Count > 0; n--)
    {
        int i = r.Next(list.Count);
        switch (r.Next(3))
        {
            case 0: list[i] = (byte)r.Next(256); break;
            case 1: list.RemoveAt(i); break;
            default: list.Insert(i, (byte)r.Next(256)); break;
        }
    }
    return [.. list];
}

// The fuzzer's seed and regression folders must turn a damaged file into a warning naming it.
static string? Corpora(SplitMix64 r, string tmp, IReadOnlyList<string> seeds)
{
    var seedsDir = Path.Combine(tmp, "seeds");
    var regressions = Path.Combine(tmp, "regressions");
    Directory.CreateDirectory(seedsDir);
    Directory.CreateDirectory(regressions);
    var encoded = ScenarioBytes.Encode(ScenarioParser.Parse(r.Pick(seeds)));
    File.WriteAllBytes(Path.Combine(seedsDir, "seed.bin"), r.Chance(50) ? MutateBytes(r, encoded) : encoded[..r.Next(encoded.Length + 1)]);
    File.WriteAllText(Path.Combine(regressions, "v3.6-Leak-x.scn"), Mutations.Mutate(r, r.Pick(seeds)));
    try
    {
        var target = new PrimeProps.Fuzzing.FuzzTarget(() => new PrimeProps.Protocols.V3_6());
        PrimeProps.Cli.Fuzzing.InputCorpus.Prepare(seedsDir, Path.Combine(tmp, "input"), target, TextWriter.Null);
        new PrimeProps.Cli.Fuzzing.RegressionStore(regressions, "v3.6", TextWriter.Null).WarnAboutUnreadable();
        return null;
    }
    catch (Exception e)
    {
        return $"{e.GetType().Name}: {e.Message}";
    }
}

// Whole command lines from each verb's grammar: every verb and option, with good and bad values,
// output paths included (missing folders, a file where a folder should be, a folder, /dev/stdout).
// Any exception, an exit status outside the table, or an exit 2 without a "primeprops:" message is a failure.
static string? CommandLine(SplitMix64 r, string tmp, IReadOnlyList<string> seeds)
{
    var argv = CommandLines.Draw(r, tmp, seeds);
    var stderr = new StringWriter();
    try
    {
        int status = PrimeProps.Cli.Program.Run([.. argv], TextWriter.Null, stderr);
        if (status is not (0 or 1 or 2 or 3 or 130))
            return $"exit status {status} on argv [{string.Join(" ", argv)}]";
        if (status == 2 && !stderr.ToString().Contains("primeprops", StringComparison.Ordinal))
            return $"exit 2 without a message on argv [{string.Join(" ", argv)}]";
        return null;
    }
    catch (Exception e)
    {
        return $"{e.GetType().Name}: {e.Message} on argv [{string.Join(" ", argv)}]";
    }
}

static string RandomText(SplitMix64 r)
{
    var bytes = new byte[r.Next(0, 200)];
    for (int i = 0; i < bytes.Length; i++)
        bytes[i] = (byte)r.Next(256);
    return r.Chance(50) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}

static List<string> SeedTexts(SplitMix64 r)
{
    var generator = new ScenarioGenerator(new GeneratorOptions());
    return [.. Enumerable.Range(0, 200).Select(_ => ScenarioPrinter.Print(generator.Generate(r)))];
}

static string Quote(string s) => s.Length > 120 ? $"\"{s[..120]}...\"" : $"\"{s}\"";

/// <summary>Command lines drawn from each verb's options, values good and bad; at times a token dropped, doubled or replaced.</summary>
static class CommandLines
{
    public static List<string> Draw(SplitMix64 r, string tmp, IReadOnlyList<string> seeds)
    {
        var file = Path.Combine(tmp, "input.scn");
        var text = r.Pick(seeds);
        if (r.Chance(30))
            text = text.Replace("primeprops-scenario 1\n", $"primeprops-scenario 1\nprotocol {r.Pick(Protocols)}\n");
        File.WriteAllText(file, r.Chance(50) ? Mutations.Mutate(r, text) : text);
        File.WriteAllText(Path.Combine(tmp, "a-file"), "");
        string[] inputs = [file, file, Path.Combine(tmp, "missing.scn"), tmp, "", Path.Combine(tmp, "a-file", "x.scn")];
        string[] outputs = [Path.Combine(tmp, "out", "x"), Path.Combine(tmp, "no", "such", "x"), Path.Combine(tmp, "a-file", "x"),
                            tmp, Path.Combine(tmp, "a-file"), "", "relative-output", "/dev/stdout"];
        string[] counts = ["0", "1", "2", "-1", "x", "99999999999"];
        string Input() => r.Pick(inputs);
        string Output() => r.Pick(outputs);
        string Count() => r.Pick(counts);
        string Protocol() => r.Pick(Protocols);
        var verb = r.Pick(Verbs);
        var argv = new List<string> { verb };
        var options = verb switch
        {
            "check" => new (string, Func<string>?)[] { ("--protocol", Protocol), ("-p", Protocol), ("--seed", Count), ("-n", Count), ("--scenarios", Count),
                ("--threads", Count), ("--out", Output), ("--json", Output), ("--help", null) },
            "replay" => [("--protocol", Protocol), ("--plain", null), ("--help", null)],
            "repro" => [("--protocol", Protocol), ("--c", Output), ("--help", null)],
            "report" => [("--protocol", Protocol), ("--html", Output), ("--help", null)],
            "shrink" => [("--protocol", Protocol), ("--out", Output), ("--help", null)],
            // No AFL++ on PATH here (the lane empties it), so a campaign stops at its prerequisites, after checking its folders.
            "fuzz" => [("--protocol", Protocol), ("--time", Count), ("--execs", Count), ("--jobs", Count), ("--seed", Count), ("--out", Output), ("--regressions", Output)],
            // An unprepared lane folder always: the lane itself would boot qemu.
            "kernel" => [("--cache", () => r.Pick(new[] { Path.Combine(tmp, "no-lane"), Path.Combine(tmp, "a-file"), "" })), ("--corpus", Output), ("-n", Count), ("--seed", Count), ("--batch", Count), ("--boot-timeout", Count)],
            // Only protocols it cannot resolve: a good one rewrites the committed seeds.
            "fuzz-seeds" => [("--protocol", () => r.Pick(new[] { "bogus", "" }))],
            _ => [],
        };
        if (verb is "replay" or "repro" or "report" or "shrink")
            argv.Add(Input());
        for (int n = options.Length == 0 ? 0 : r.Next(0, options.Length); n > 0; n--)
        {
            var (name, value) = r.Pick(options);
            argv.Add(name);
            if (value is not null)
                argv.Add(value());
        }
        // A check without a scenario count is 2,000 scenarios of valid work (seconds each): the
        // lane is about input handling, so such a check gets a small count of its own.
        if (verb == "check" && !argv.Contains("-n") && !argv.Contains("--scenarios") && !argv.Contains("--help"))
            argv.AddRange(["--scenarios", "20"]);
        if (verb == "kernel" && !argv.Contains("--cache"))
            argv.AddRange(["--cache", Path.Combine(tmp, "no-lane")]);
        if (verb == "fuzz-seeds" && !argv.Contains("--protocol"))
            argv.AddRange(["--protocol", "bogus"]);
        if (r.Chance(10) && argv.Count > 1) // a damaged command line
        {
            int i = r.Next(1, argv.Count - 1);
            switch (r.Next(3))
            {
                case 0: argv.RemoveAt(i); break;
                case 1: argv.Insert(i, argv[i]); break;
                default: argv[i] = r.Pick(new[] { "--bogus", "-", "--", "\0", "--protocol=v3.6", "-pv3.6" }); break;
            }
            if (argv[0] is "fuzz-seeds" && !argv.Contains("bogus"))
                argv = ["fuzz-seeds", "--protocol", "bogus"];
            if (argv[0] is "kernel")
                argv.AddRange(["--cache", Path.Combine(tmp, "no-lane")]);
        }
        return argv;
    }

    private static readonly string[] Protocols = ["v3.6", "seed-2012", "modern", "bogus", ""];
    private static readonly string[] Verbs = ["check", "replay", "repro", "report", "shrink", "protocols", "fuzz", "kernel", "fuzz-seeds", "--help", "--version", "bogus"];
}

/// <summary>Line and character mutations of valid scenario texts.</summary>
static class Mutations
{
    public static string Mutate(SplitMix64 r, string text)
    {
        var lines = text.Split('\n').ToList();
        for (int n = r.Next(1, 4); n > 0; n--)
        {
            int i = r.Next(lines.Count);
            switch (r.Next(6))
            {
                case 0: lines.RemoveAt(i); if (lines.Count == 0) lines.Add(""); break;
                case 1: lines.Insert(i, lines[i]); break;
                case 2: lines[i] = Flip(r, lines[i]); break;
                case 3: lines.Insert(i, r.Pick(new[] { "thread T9:", "schedule: T0*99999999999", "fault T0:0 x", "setup:", "x = open", "close -1" })); break;
                case 4: (lines[i], lines[^1]) = (lines[^1], lines[i]); break;
                default: lines[i] = lines[i][..r.Next(lines[i].Length + 1)]; break;
            }
        }
        return string.Join('\n', lines);
    }

    private static string Flip(SplitMix64 r, string line)
    {
        if (line.Length == 0)
            return "\0";
        var chars = line.ToCharArray();
        chars[r.Next(chars.Length)] = (char)r.Next(32, 127);
        return new string(chars);
    }
}
