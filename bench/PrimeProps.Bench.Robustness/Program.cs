using System.Diagnostics;
using System.Text;
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
    ("command line: mutated arguments", r => CommandLine(r, tmp, seeds)),
};

var report = new StringBuilder("# Robustness: random and mutated inputs\n\n");
report.AppendLine($"Command: `dotnet run -c Release --project bench/PrimeProps.Bench.Robustness -- {inputs}`\n");
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
Directory.Delete(tmp, recursive: true);
Console.Write(report);
File.WriteAllText(Path.Combine(PrimeProps.RepositoryRoot.Require(), "bench", "results", "robustness.md"), report.ToString());

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

static string? CommandLine(SplitMix64 r, string tmp, IReadOnlyList<string> seeds)
{
    var file = Path.Combine(tmp, "input.scn");
    File.WriteAllText(file, Mutations.Mutate(r, r.Pick(seeds)));
    string[] vocabulary = ["check", "replay", "repro", "protocols", "--protocol", "-p", "v3.6", "seed-2012", "modern", "bogus",
        "--seed", "-s", "--scenarios", "-n", "--threads", "--out", "--c", "--help", file, tmp, "0", "1", "-1", "99999999999", "", "x.scn"];
    var argv = Enumerable.Range(0, r.Next(0, 6)).Select(_ => r.Pick(vocabulary)).ToList();
    if (argv.Contains("check"))
        argv.AddRange(["-n", "1", "--out", tmp]); // keep each input cheap
    try
    {
        PrimeProps.Cli.Program.Run([.. argv], TextWriter.Null, TextWriter.Null);
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
