using System.Text;
using PrimeProps.Scenarios;

namespace PrimeProps.KernelLane;

/// <summary>
/// The batch that kernel-lane/executor.c reads (its header comment is the format): one
/// "S label", an "O op args" line per op, "E". A reference becomes @K:D, the result of op K
/// if it succeeded, else D, the value the model's executor gives a result that does not exist.
/// </summary>
public static class BatchWriter
{
    public static string Write(IEnumerable<LaneScenario> scenarios)
    {
        var w = new StringBuilder();
        foreach (var lane in scenarios)
        {
            w.Append("S ").Append(lane.Label.ReplaceLineEndings(" ")).Append('\n');
            var ops = lane.Scenario.Setup;
            for (int k = 0; k < ops.Count; k++)
                w.Append("O ").Append(OpLine(ops, k, earlierOnly: true)).Append('\n');
            w.Append("E\n");
        }
        return w.ToString();
    }

    /// <summary>
    /// Op <paramref name="k"/> of <paramref name="ops"/> as the executor reads it. A reference
    /// names the op that binds the variable: an earlier one only, when the ops run in order
    /// (<paramref name="earlierOnly"/>), else any (a concurrent thread may bind it meanwhile).
    /// </summary>
    internal static string OpLine(IReadOnlyList<Op> ops, int k, bool earlierOnly)
    {
        var op = ops[k];
        var spec = OpSpec.Of(op.Kind);
        var args = new List<string>();
        for (int i = 0; i < spec.Params.Length; i++)
        {
            var a = spec.ArgOrDefault(op, i); // an omitted optional argument takes the model executor's default
            switch (a.Kind)
            {
                case ValueKind.Device:
                    break; // the one vgem card
                case ValueKind.Dims:
                    args.AddRange([$"{a.Width}", $"{a.Height}", $"{a.Bpp}"]);
                    break;
                default:
                    args.Add(a.IsRef ? Reference(ops, earlierOnly ? k : ops.Count, a) : $"{a.Raw}");
                    break;
            }
        }
        return string.Join(' ', [OpSpec.Of(op.Kind).Name, .. args]);
    }

    /// <summary>@J:fallback for the first op J before <paramref name="end"/> that binds the variable, else the fallback.</summary>
    private static string Reference(IReadOnlyList<Op> ops, int end, Arg a)
    {
        long fallback = a.Kind == ValueKind.Fd ? -1 : 0;
        for (int j = 0; j < end; j++)
            if (ops[j].Result == a.Var)
                return $"@{j}:{fallback}";
        return $"{fallback}"; // bound by a later op: not there yet when this one runs
    }
}
