using PrimeProps.Kernel;
using static PrimeProps.Scenarios.Bytes.ByteFormat;

namespace PrimeProps.Scenarios.Bytes;

/// <summary>
/// A scenario to bytes, walking the layout exactly as <see cref="ScenarioDecoder"/> reads it.
/// Throws <see cref="ArgumentException"/> for what the byte format cannot express.
/// </summary>
internal static class ScenarioEncoder
{
    /// <param name="canonicalNames">Write every name slot as canonical: the bytes then decode to
    /// the same scenario with the generator's names, which behaves the same (references are
    /// by index, so they still point at the same ops).</param>
    public static byte[] Encode(Scenario s, bool canonicalNames = false)
    {
        Require(s.Devices.Count is >= 1 and <= MaxDevices, $"{s.Devices.Count} devices (the byte format has 1 to {MaxDevices})");
        Require(s.Threads.Count <= MaxThreads, $"{s.Threads.Count} threads (the byte format has at most {MaxThreads})");
        var w = new ByteWriter();
        w.Content((byte)(s.Devices.Count - 1));
        foreach (var d in s.Devices)
            w.Content((byte)(d.Kind == DeviceKind.ExportOnly ? 1 : 0));
        w.Content((byte)s.Threads.Count);

        var all = s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).ToList();
        var index = new ResultIndex();
        for (int p = 0; p < all.Count; p++)
            if (all[p].Result is { } name && OpSpec.Of(all[p].Kind).Returns is not ValueKind.None and var kind) // else WriteNames refuses it
                index.Add(p, kind, name);
        int position = 0;
        foreach (var section in s.Threads.Select(t => t.Ops).Prepend(s.Setup))
        {
            Require(section.Count <= MaxOpsPerSection, $"a section of {section.Count} ops (the byte format has at most {MaxOpsPerSection})");
            foreach (var op in section)
                WriteOp(w, op, position++, index, s.Devices);
            if (section.Count < MaxOpsPerSection) // a full section ends without a marker
                w.Content(End);
        }
        if (s.Threads.Count > 0)
            WriteSchedule(w, s);
        WriteFaults(w, s);
        WriteNames(w, s, all, canonicalNames);
        return w.ToArray();
    }

    private static void WriteOp(ByteWriter w, Op op, int position, ResultIndex index, IReadOnlyList<DeviceDecl> devices)
    {
        var spec = OpSpec.Of(op.Kind);
        Require(op.Args.Count <= spec.Params.Length && op.Args.Count >= spec.Params.Length - spec.Optional,
            $"'{spec.Name}' with {op.Args.Count} arguments");
        w.Content((byte)op.Kind);
        for (int i = 0; i < spec.Params.Length; i++)
        {
            if (i == op.Args.Count)
            {
                ArgCodec.WriteAbsent(w);
                continue;
            }
            var a = op.Args[i];
            Require(a.Kind == spec.Params[i], $"a {a.Kind} argument where '{spec.Name}' takes a {spec.Params[i]}");
            int device = a.Kind == ValueKind.Device ? devices.Select(d => d.Name).ToList().IndexOf(a.Var!) : -1;
            Require(a.Kind != ValueKind.Device || device >= 0, $"undeclared device '{a.Var}'");
            int reference = a.IsRef && a.Kind != ValueKind.Device ? index.IndexOf(a.Kind, position, a.Var!) : -1;
            ArgCodec.Write(w, a, device, reference);
        }
    }

    private static void WriteSchedule(ByteWriter w, Scenario s)
    {
        Require(s.Schedule.Count <= MaxScheduleRuns, $"a schedule of {s.Schedule.Count} runs (the byte format has at most {MaxScheduleRuns})");
        long steps = 0;
        foreach (var run in s.Schedule)
        {
            Require(run.Thread >= 0 && run.Thread < s.Threads.Count && run.Count >= 1, $"schedule run {run}");
            steps += run.Count;
            w.Content((byte)run.Thread);
            w.Varint((ulong)run.Count - 1);
        }
        Require(steps <= MaxScheduleSteps, $"a schedule of {steps} steps (the byte format has at most {MaxScheduleSteps})");
        if (s.Schedule.Count < MaxScheduleRuns && steps < MaxScheduleSteps) // else the reader stops by itself
            w.Content(End);
    }

    private static void WriteFaults(ByteWriter w, Scenario s)
    {
        Require(s.Faults.Count <= MaxFaults, $"{s.Faults.Count} faults (the byte format has at most {MaxFaults})");
        foreach (var f in s.Faults)
        {
            Require(f.Thread >= Scenario.SetupThread && f.Thread < s.Threads.Count && f.Op >= 0 && f.Op < s.OpsOf(f.Thread).Count, $"fault {f}");
            w.Content((byte)(f.Thread - Scenario.SetupThread));
            w.Content((byte)f.Op);
            int known = FaultSites.All.ToList().IndexOf(f.Site);
            if (known >= 0)
                w.Content((byte)known);
            else
            {
                Require(NameScope.IsIdentifier(f.Site), $"fault site '{f.Site}'");
                w.Content(NamedSite);
                w.Content((byte)(f.Site.Length - 1));
                w.Name(f.Site);
            }
        }
        if (s.Faults.Count < MaxFaults)
            w.Content(End);
    }

    private static void WriteNames(ByteWriter w, Scenario s, List<Op> all, bool canonicalNames)
    {
        var devices = NameScope.Devices();
        for (int i = 0; i < s.Devices.Count; i++)
            WriteName(w, devices, canonicalNames ? null : s.Devices[i].Name, NameScope.DeviceName(i));
        var threads = NameScope.Threads();
        for (int t = 0; t < s.Threads.Count; t++)
            WriteName(w, threads, canonicalNames ? null : s.Threads[t].Name, NameScope.ThreadName(t));
        var variables = NameScope.Variables();
        int returning = 0;
        foreach (var op in all)
        {
            var returns = OpSpec.Of(op.Kind).Returns;
            Require(returns != ValueKind.None || op.Result is null, $"'{OpSpec.Of(op.Kind).Name}' returns nothing but assigns '{op.Result}'");
            if (returns == ValueKind.None)
                continue;
            string canonical = NameScope.VariableName(returns, ++returning);
            if (op.Result is null) // stays unassigned even with canonical names: reference indices count assigned results only
                w.Content(NoResult);
            else
                WriteName(w, variables, canonicalNames ? null : op.Result, canonical);
        }
    }

    /// <summary>A canonical name costs one byte, implied at the end of the input; any other is spelled out.</summary>
    /// <param name="name">Null: the canonical name, whatever the scenario calls it.</param>
    private static void WriteName(ByteWriter w, NameScope scope, string? name, string canonical)
    {
        name ??= scope.Default(canonical);
        if (name == scope.Default(canonical))
            w.Implied(CanonicalName);
        else
        {
            Require(scope.Allows(name), $"name '{name}' (not an identifier of at most {MaxNameLength} characters, reserved, or used twice)");
            w.Content((byte)(FirstNameLength + name.Length - 1));
            w.Name(name);
        }
        scope.Take(name);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
            throw new ArgumentException($"outside the byte format: {what}");
    }
}
