using PrimeProps.Kernel;
using static PrimeProps.Scenarios.Bytes.ByteFormat;

namespace PrimeProps.Scenarios.Bytes;

/// <summary>Bytes to a scenario; see <see cref="ScenarioBytes"/> for the layout.</summary>
internal static class ScenarioDecoder
{
    private sealed record PendingOp(OpKind Kind, List<PendingArg> Args);

    public static Scenario Decode(ReadOnlySpan<byte> data)
    {
        var r = new ByteReader(data);
        var deviceKinds = new DeviceKind[1 + r.Next() % MaxDevices];
        for (int i = 0; i < deviceKinds.Length; i++)
            deviceKinds[i] = (r.Next() & 1) == 1 ? DeviceKind.ExportOnly : DeviceKind.Native;
        int threadCount = r.Next() % (MaxThreads + 1);
        var sections = new List<PendingOp>[threadCount + 1]; // the setup, then each thread
        for (int s = 0; s < sections.Length; s++)
            sections[s] = ReadSection(ref r, deviceKinds.Length);
        var schedule = threadCount > 0 ? ReadSchedule(ref r, threadCount) : [];
        var faults = ReadFaults(ref r, sections);

        var deviceScope = NameScope.Devices();
        var devices = new List<DeviceDecl>();
        for (int i = 0; i < deviceKinds.Length; i++)
            devices.Add(new DeviceDecl(ReadName(ref r, deviceScope, NameScope.DeviceName(i))!, deviceKinds[i]));
        var threadScope = NameScope.Threads();
        var threadNames = new List<string>();
        for (int t = 0; t < threadCount; t++)
            threadNames.Add(ReadName(ref r, threadScope, NameScope.ThreadName(t))!);
        var all = sections.SelectMany(section => section).ToList();
        var results = ReadResultNames(ref r, all);

        var index = new ResultIndex();
        for (int p = 0; p < all.Count; p++)
            if (results[p] is { } name)
                index.Add(p, OpSpec.Of(all[p].Kind).Returns, name);
        var ops = new List<List<Op>>();
        int position = 0;
        foreach (var section in sections)
        {
            ops.Add([]);
            foreach (var op in section)
                ops[^1].Add(Resolve(op, results[position], position++, index, devices));
        }
        var threads = threadNames.Select((name, t) => new ThreadDecl(name, ops[t + 1])).ToList();
        return new Scenario(devices, ops[0], threads, schedule, faults);
    }

    private static List<PendingOp> ReadSection(ref ByteReader r, int devices)
    {
        var ops = new List<PendingOp>();
        while (ops.Count < MaxOpsPerSection && !r.AtEnd)
        {
            byte code = r.Next();
            if (code >= OpEnd)
                break;
            var all = OpSpec.All;
            var spec = all[code % all.Count];
            var args = new List<PendingArg>();
            foreach (var kind in spec.Params)
                if (ArgCodec.Read(ref r, kind, devices) is { } arg)
                    args.Add(arg); // only an optional (last) parameter can be absent
            ops.Add(new PendingOp(spec.Kind, args));
        }
        return ops;
    }

    private static List<ScheduleRun> ReadSchedule(ref ByteReader r, int threads)
    {
        var runs = new List<ScheduleRun>();
        int stepsLeft = MaxScheduleSteps;
        while (runs.Count < MaxScheduleRuns && stepsLeft > 0 && !r.AtEnd)
        {
            byte thread = r.Next();
            if (thread >= ListEnd)
                break;
            int count = (int)Math.Min(r.Varint(), (ulong)stepsLeft - 1) + 1;
            stepsLeft -= count;
            runs.Add(new ScheduleRun(thread % threads, count));
        }
        return runs;
    }

    private static List<Fault> ReadFaults(ref ByteReader r, List<PendingOp>[] sections)
    {
        var faults = new List<Fault>();
        while (faults.Count < MaxFaults && !r.AtEnd)
        {
            byte section = r.Next();
            if (section >= ListEnd)
                break;
            var ops = sections[section % sections.Length];
            byte op = r.Next();
            byte site = r.Next();
            string siteName = site == NamedSite ? r.Name(NameLength(r.Next())) : FaultSites.All[site % FaultSites.All.Count];
            if (ops.Count > 0) // a fault needs an op to fail in
                faults.Add(new Fault(section % sections.Length + Scenario.SetupThread, op % ops.Count, siteName));
        }
        return faults;
    }

    /// <summary>
    /// The variable each op's result is assigned to, by position; null for ops that return
    /// nothing (no slot) or whose slot leaves the result unassigned.
    /// </summary>
    private static List<string?> ReadResultNames(ref ByteReader r, List<PendingOp> ops)
    {
        var scope = NameScope.Variables();
        var names = new List<string?>();
        int returning = 0;
        foreach (var op in ops)
        {
            var returns = OpSpec.Of(op.Kind).Returns;
            names.Add(returns == ValueKind.None ? null
                : ReadName(ref r, scope, NameScope.VariableName(returns, ++returning), allowNone: true));
        }
        return names;
    }

    private static string? ReadName(ref ByteReader r, NameScope scope, string canonical, bool allowNone = false)
    {
        byte slot = r.Next();
        if (slot >= FirstNameLength && r.Name(NameLength(slot - FirstNameLength)) is var given && scope.Allows(given))
            return scope.Take(given);
        if (slot == NoResult && allowNone)
            return null;
        return scope.Take(scope.Default(canonical));
    }

    private static int NameLength(int b) => 1 + b % MaxNameLength;

    private static Op Resolve(PendingOp op, string? result, int position, ResultIndex index, List<DeviceDecl> devices)
        => new(op.Kind, result, op.Args.Select(a => a switch
        {
            { Kind: ValueKind.Device } => new Arg(ValueKind.Device, devices[a.Index].Name, 0),
            { IsIndex: true } => index.Resolve(a.Kind, position, a.Index) is { } name
                ? Arg.Ref(a.Kind, name)
                : Arg.Number(a.Kind, a.Kind == ValueKind.Fd ? -1 : 0), // nothing to refer to: the value a dangling reference has
            _ => a.Literal,
        }).ToList());
}
