using static PrimeProps.Scenarios.ScenarioTokenizer;

namespace PrimeProps.Scenarios;

public static partial class ScenarioParser
{
    // Op lines: "[VAR =] OPNAME ARG...", each argument read by the kind its parameter takes.
    private sealed partial class Reader
    {
        private void ReadOp(Token[] t)
        {
            Token? result = t.Length >= 2 && t[1].Text == "=" ? t[0] : null;
            int at = result is null ? 0 : 2; // index of the op name
            if (at >= t.Length)
                throw ErrorAt(t[1].End, "expected an op name after '='");
            var spec = OpSpec.Named(t[at].Text);
            if (current is null)
            {
                if (phase >= Phase.Schedule)
                    throw Error(t[0], "op lines must come before 'schedule:' and fault lines");
                throw Error(t[0], spec is null && result is null
                    ? $"unknown directive {Show(t[0].Text)}: expected 'device NAME', 'setup:' or 'thread NAME:'"
                    : "op line before any section: expected 'setup:' or 'thread NAME:' first");
            }
            if (spec is null)
                throw Error(t[at], $"unknown op {Show(t[at].Text)} (ops: {string.Join(", ", OpSpec.All.Select(s => s.Name))}); "
                                   + $"an extension's op needs its assembly loaded (--load) and an '{ExtensionKeyword} NAME' line");
            RequireExtension(t[at], spec);
            if (++opCount > MaxOps)
                throw Error(t[0], $"too many ops (at most {MaxOps})");
            if (result is { } r)
            {
                Identifier(r, "variable name");
                if (spec.Returns == ValueKind.None)
                    throw Error(r, $"'{spec.Name}' returns nothing, so its result cannot be assigned to {Show(r.Text)}");
                if (!defined.TryAdd(r.Text, lineNumber))
                    throw Error(r, $"duplicate variable {Show(r.Text)} (first defined on line {defined[r.Text]})");
            }
            int count = t.Length - at - 1, max = spec.Params.Length, min = max - spec.Optional;
            if (count > max)
                throw Error(t[at + 1 + max], $"too many arguments: expected {Signature(spec)}");
            if (count < min)
                throw ErrorAt(t[^1].End, $"too few arguments: expected {Signature(spec)}");
            var args = new Arg[count];
            for (int i = 0; i < count; i++)
                args[i] = ReadArg(t[at + 1 + i], spec.Params[i], spec);
            current.Add(new Op(spec.Kind, result?.Text, args));
        }

        private Arg ReadArg(Token a, ValueKind kind, OpSpec spec) => kind switch
        {
            ValueKind.Device => devices.Any(d => d.Name == a.Text)
                ? new Arg(ValueKind.Device, a.Text, 0)
                : throw Error(a, $"unknown device {Show(a.Text)} ({List("declared devices", devices.Select(d => d.Name))})"),
            ValueKind.Flags => ReadFlags(a),
            ValueKind.Dims => ReadDims(a),
            ValueKind.Number => IsNumberStart(a.Text)
                ? Arg.Number(kind, Integer(a, "an integer"))
                : throw Error(a, $"expected an integer, got {Show(a.Text)}: this argument of '{spec.Name}' is a number the caller chooses, not a variable"),
            _ => ReadValue(a, kind, spec),
        };

        private Arg ReadValue(Token a, ValueKind kind, OpSpec spec)
        {
            if (IsNumberStart(a.Text))
                return Arg.Number(kind, Integer(a, "an integer"));
            if (!IsIdentifierShape(a.Text))
                throw Error(a, $"expected {Article(kind)} {Name(kind)} variable or an integer, got {Show(a.Text)}");
            Identifier(a, "variable name");
            if (!declared.TryGetValue(a.Text, out var actual))
                throw Error(a, $"unknown variable {Show(a.Text)} ({List($"defined variables of kind {Name(kind)}", declaredOrder.Where(v => declared[v] == kind))})");
            if (actual != kind)
                throw Error(a, $"variable {Show(a.Text)} is {Article(actual)} {Name(actual)}, but this argument of '{spec.Name}' takes {Article(kind)} {Name(kind)}");
            return Arg.Ref(kind, a.Text);
        }

        private Arg ReadFlags(Token a)
        {
            if (IsNumberStart(a.Text))
                return Arg.Number(ValueKind.Flags, Integer(a, "flags"));
            long value = 0;
            foreach (var part in a.Text.Split('|', 3)) // more parts than known flags is an error anyway
            {
                long bit = part switch { "CLOEXEC" => PrimeFlags.DRM_CLOEXEC, "RDWR" => PrimeFlags.DRM_RDWR, _ => 0 };
                if (bit == 0 || (value & bit) != 0)
                    throw Error(a, $"bad flags {Show(a.Text)}: expected 0, CLOEXEC, RDWR, CLOEXEC|RDWR or an integer");
                value |= bit;
            }
            return Arg.Number(ValueKind.Flags, value);
        }

        private Arg ReadDims(Token a)
        {
            var parts = a.Text.Split('x', 4);
            if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.AsSpan().ContainsAnyExceptInRange('0', '9')))
                throw Error(a, $"bad dims {Show(a.Text)}: expected WIDTHxHEIGHTxBPP, three non-negative integers such as 64x64x32");
            var dims = new int[3];
            for (int i = 0; i < 3; i++)
                if (!int.TryParse(parts[i], System.Globalization.CultureInfo.InvariantCulture, out dims[i]))
                    throw Error(a, $"bad dims {Show(a.Text)}: each of WIDTH, HEIGHT and BPP must be at most {int.MaxValue}");
            return Arg.DimsOf(dims[0], dims[1], dims[2]);
        }

        private static string Signature(OpSpec spec)
        {
            int required = spec.Params.Length - spec.Optional;
            var args = spec.Params.Select((p, i) => i < required ? Name(p).ToUpperInvariant() : $"[{Name(p).ToUpperInvariant()}]");
            return string.Join(" ", args.Prepend(spec.Name));
        }

        private static string Name(ValueKind kind) => kind.ToString().ToLowerInvariant();

        private static string Article(ValueKind kind) => kind == ValueKind.Fd ? "an" : "a";
    }
}
