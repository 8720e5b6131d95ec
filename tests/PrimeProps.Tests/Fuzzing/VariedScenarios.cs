using PrimeProps.Kernel;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Search;

namespace PrimeProps.Tests.Fuzzing;

/// <summary>
/// Generated scenarios dressed up with what the generator never makes but the parser accepts:
/// schedules, several faults (some at unknown sites), hand-picked names, unassigned results,
/// wide literals, odd flags and dims, export-only devices. Each is normalized through the
/// parser, so it is exactly a scenario a file could hold.
/// </summary>
internal static class VariedScenarios
{
    public static Scenario Make(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var s = new ScenarioGenerator(new GeneratorOptions { MaxDevices = 3, MaxThreads = 4 }.ForOps(new Protocols.Modern().Ops)).Generate(rng); // every call, GEM_CHANGE_HANDLE too
        var renames = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops))
            .Where(o => o.Result is not null && rng.Chance(30))
            .ToDictionary(o => o.Result!, o => Identifier(rng, o.Result!));
        var referenced = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).SelectMany(o => o.Args).Where(a => a.IsRef).Select(a => a.Var).ToHashSet();
        Op Dress(Op op) => op with
        {
            Result = op.Result is { } r && !referenced.Contains(r) && rng.Chance(20) ? null : Rename(op.Result, renames),
            Args = op.Args.Select(a => DressArg(rng, a, renames)).Concat(ExtraArg(rng, op)).ToList(),
        };
        var devices = s.Devices.Select(d => d with { Kind = rng.Chance(30) ? DeviceKind.ExportOnly : DeviceKind.Native }).ToList();
        var threads = s.Threads.Select((t, i) => new ThreadDecl(rng.Chance(20) ? $"W{i}x" : t.Name, t.Ops.Select(Dress).ToList())).ToList();
        var varied = s with
        {
            Devices = devices,
            Setup = s.Setup.Select(Dress).ToList(),
            Threads = threads,
            Schedule = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => new ScheduleRun(rng.Next(threads.Count), rng.Chance(10) ? rng.Next(1, 5000) : rng.Next(1, 12))).ToList(),
            Faults = Enumerable.Range(0, rng.Next(0, 3)).Select(_ => RandomFault(rng, s)).ToList(),
        };
        return ScenarioParser.Parse(ScenarioPrinter.Print(varied));
    }

    private static string? Rename(string? name, Dictionary<string, string> renames)
        => name is not null && renames.TryGetValue(name, out var renamed) ? renamed : name;

    /// <summary>Unique by construction: the old name is part of the new one.</summary>
    private static string Identifier(SplitMix64 rng, string old)
        => rng.Pick(["v_", "Handle", "_", "x9"]) + old + (rng.Chance(10) ? new string('z', 50) : "");

    private static Arg DressArg(SplitMix64 rng, Arg a, Dictionary<string, string> renames) => a.Kind switch
    {
        ValueKind.Device => a,
        ValueKind.Flags => Arg.Number(ValueKind.Flags, rng.Pick([0L, 2, 0x80000, 0x80002, 6, -5, long.MaxValue])),
        _ when rng.Chance(10) => Arg.Number(a.Kind, rng.Pick([-1L, 0, 3, 29, 30, -2, 1L << 40, long.MinValue])),
        _ => a with { Var = Rename(a.Var, renames) },
    };

    /// <summary>The optional argument, where the op has one and the generator left it out.</summary>
    private static IEnumerable<Arg> ExtraArg(SplitMix64 rng, Op op)
    {
        if (op.Kind == OpKind.CreateDumb && rng.Chance(50))
            yield return rng.Pick([Arg.DimsOf(64, 64, 32), Arg.DimsOf(0, 0, 0), Arg.DimsOf(1, 7, 8), Arg.DimsOf(int.MaxValue, 1, 0)]);
    }

    private static Fault RandomFault(SplitMix64 rng, Scenario s)
    {
        int thread = rng.Next(-1, s.Threads.Count - 1);
        int ops = s.OpsOf(thread).Count;
        return new Fault(thread, rng.Next(ops), rng.Chance(20) ? "no_such_site" : rng.Pick(FaultSites.All));
    }
}
