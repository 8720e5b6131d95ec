using System.CommandLine;
using PrimeProps.Cli.Fuzzing;
using PrimeProps.Fuzzing;
using PrimeProps.Repro;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops fuzz: a coverage-guided campaign (SharpFuzz + AFL++) against one protocol; see <see cref="Campaign"/>.</summary>
internal static class FuzzCommand
{
    /// <summary>
    /// What a campaign runs per input unless told otherwise (bench/results/fuzzing.md measured the
    /// choice): the generator's choices under 4 extra PCT schedules found catalog rows 1-3 on v3.6
    /// within a minute in most campaigns; the byte codec, under any flags, almost never.
    /// </summary>
    internal static readonly FuzzOptions DefaultTarget = new() { Input = FuzzInput.Choices, Schedules = 4, Feedback = InterleavingFeedback.None };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var protocol = ProtocolOption.Create("Protocol to fuzz");
        protocol.Required = true;
        var time = new Option<int?>("--time") { Description = "Stop after this many seconds (AFL++ -V)" };
        var execs = new Option<long?>("--execs") { Description = "Stop after about this many executions in all (AFL++ -E, shared among the jobs)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "AFL++ instances: one -M main and the rest -S secondaries sharing the findings", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "AFL++'s random seed (-s; instance i gets SEED+i): with one job, the same seed and --execs on the same build give the same campaign", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "AFL++'s findings folder (resumed when it exists); default: findings/fuzz/PROTOCOL" };
        var regressions = new Option<string?>("--regressions") { Description = "Where the minimal repros go; default: findings/fuzz-regressions (git-ignored). --regressions fuzz-corpus/regressions adds them to the tracked corpus that every test run replays" };
        var load = ProtocolOption.CreateLoad();
        var baseline = new Option<string?>("--base") { Description = "Patch review: drop crash inputs that fail the same way (oracle, kernel function) on this protocol (built-in or loaded); count them" };
        var schedules = new Option<int>("--schedules") { Description = $"Extra schedules per input (PCT, one preemption at a random step), tried after the scenario's own until one fails", DefaultValueFactory = _ => DefaultTarget.Schedules };
        var portfolio = new Option<int>("--portfolio") { Description = "Instead of --schedules: check's schedule portfolio for each input, up to this many runs (every one-preemption schedule when they fit, then PCT and random samples), seeded from the input; 0: off", DefaultValueFactory = _ => DefaultTarget.Portfolio };
        var feedback = new Option<InterleavingFeedback>("--feedback") { Description = "Interleaving features reported to AFL++ besides branch edges: none, switches (pairs of scheduling points around each context switch) or accesses (ordered pairs of conflicting accesses to one object by two threads)", DefaultValueFactory = _ => DefaultTarget.Feedback };
        var input = new Option<string>("--input") { Description = "What an input's bytes are: bytes (the byte codec, one byte per field of the scenario) or choices (the random draws of check's typed generator, one byte per draw, with the schedule drawn last); seeds from fuzz-corpus/seeds or fuzz-corpus/choices", DefaultValueFactory = _ => DefaultTarget.Input.ToString().ToLowerInvariant() };
        input.AcceptOnlyFromAmong("bytes", "choices"); // an unknown format is a usage error (exit 2) naming both
        var inProcess = new Option<bool>("--in-process") { Description = "Run the model in the fork server's own process (SharpFuzz's Fuzzer.Run): several times the executions per second, but a stack overflow or a hang ends the campaign instead of one child" };
        var instance = new Option<string>("--instance") { Description = "Several machines, one campaign: this machine's AFL++ instance (\"main\" runs -M, any other name -S); with --sync", DefaultValueFactory = _ => AflFleet.Main };
        var sync = new Option<string?>("--sync") { Description = "Several machines, one campaign: a folder they share (NFS, or rsync'd) through which each instance's queue reaches the others; one job per machine" };
        var command = new Command("fuzz", "Fuzz one protocol with AFL++ (coverage-guided), then shrink every crash to a minimal repro. Without --time or --execs it runs until Ctrl-C")
        {
            protocol, time, execs, jobs, seed, output, regressions, load, baseline, input, schedules, portfolio, feedback, inProcess, instance, sync,
        };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(protocol)!;
            if (names.Length != 1)
                throw new UsageException("fuzz takes exactly one --protocol");
            var catalog = ProtocolOption.Catalog(parsed, load);
            ProtocolOption.Resolve(catalog, names[0]);
            if (parsed.GetValue(baseline) is { } baseName)
                ProtocolOption.Resolve(catalog, baseName);
            int? seconds = parsed.GetValue(time);
            long? budget = parsed.GetValue(execs);
            int j = parsed.GetValue(jobs);
            if (seconds is < 1)
                throw new UsageException($"--time must be at least 1 second (got {seconds})");
            if (budget is < 1)
                throw new UsageException($"--execs must be at least 1 (got {budget})");
            if (j is < 1 or > 64)
                throw new UsageException($"--jobs must be 1 to 64 (got {j})");
            string name = parsed.GetValue(instance)!;
            string? shared = parsed.GetValue(sync);
            if (name.Length == 0 || name.Length > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new UsageException($"--instance must be 1-32 letters, digits, '-' or '_' (AFL++'s instance names; got '{name}')");
            if (name != AflFleet.Main && shared is null)
                throw new UsageException("--instance names one machine's instance of a campaign shared through --sync DIR");
            if (shared is not null && j != 1)
                throw new UsageException($"--sync runs one instance per machine: use --jobs 1 (got {j})");
            int k = parsed.GetValue(schedules);
            if (k is < 0 or > 1000)
                throw new UsageException($"--schedules must be 0 to 1000 (got {k})");
            int portfolioBudget = parsed.GetValue(portfolio);
            if (portfolioBudget is < 0 or > 1000)
                throw new UsageException($"--portfolio must be 0 to 1000 (got {portfolioBudget})");
            var repo = RepoLayout.Find();
            var options = new CampaignOptions(names[0], seconds, budget, j, parsed.GetValue(seed),
                Path.GetFullPath(ReproFile.CreateFolder(parsed.GetValue(output) ?? repo.Findings(names[0]))),
                Path.GetFullPath(ReproFile.CreateFolder(parsed.GetValue(regressions) ?? repo.FoundRegressions)),
                [.. (parsed.GetValue(load) ?? []).Select(Path.GetFullPath)], parsed.GetValue(baseline),
                new FuzzOptions { Input = Enum.Parse<FuzzInput>(parsed.GetValue(input)!, ignoreCase: true), Schedules = k, Portfolio = portfolioBudget, Feedback = parsed.GetValue(feedback) }, parsed.GetValue(inProcess),
                name, shared is null ? null : Path.GetFullPath(ReproFile.CreateFolder(shared)));
            bool interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            return new Campaign(repo, options, stdout, stderr, interactive).Run();
        });
        return command;
    }
}
