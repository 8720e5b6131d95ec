using System.Globalization;

namespace PrimeProps.KernelLane;

/// <summary>
/// One syscall as the kernel answered it: result or -errno, for a dma-buf fd its ordinal of
/// first sight (else 0), and for any fd its flags as the executor prints them ("0r": no
/// FD_CLOEXEC, O_RDONLY; "1b": FD_CLOEXEC, O_RDWR; null from an executor that prints none).
/// </summary>
public readonly record struct KernelCall(int Op, long Result, int DmaBuf, string? Flags = null);

/// <summary>What the guest printed for one scenario of a batch.</summary>
public sealed record KernelScenario(int Index, IReadOnlyList<KernelCall> Calls, int? LiveDmaBufs, int? AbnormalExit)
{
    /// <summary>A concurrent scenario's distinct outcomes, each with how many runs gave it.</summary>
    public IReadOnlyList<(Outcome Outcome, long Count)> Outcomes { get; init; } = [];

    /// <summary>Kernel log lines with WARNING, BUG, Oops, ... printed during a concurrent scenario's runs.</summary>
    public IReadOnlyList<string> KernelAlarms { get; init; } = [];
}

/// <summary>
/// The guest's serial output, reduced to the executor's "KL " lines (the console also carries
/// kernel messages): the kernel release, each scenario's calls and leak count, and whether the
/// batch ran to its end.
/// </summary>
public sealed record SerialLog(string KernelRelease, IReadOnlyList<KernelScenario> Scenarios, bool Complete, IReadOnlyList<string> GuestErrors)
{
    public static SerialLog Parse(string text)
    {
        string release = "";
        bool complete = false;
        var scenarios = new List<KernelScenario>();
        var errors = new List<string>();
        List<KernelCall>? calls = null;
        List<(Outcome, long)> outcomes = [];
        List<string> alarms = [];
        int index = -1;
        int? live = null, exit = null;

        void Finish()
        {
            if (calls is not null)
                scenarios.Add(new KernelScenario(index, calls, live, exit) { Outcomes = outcomes, KernelAlarms = alarms });
            calls = null;
            (live, exit, outcomes, alarms) = (null, null, [], []);
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            int at = line.IndexOf("KL ", StringComparison.Ordinal);
            if (at < 0)
            {
                if (line.Contains("Kernel panic", StringComparison.Ordinal))
                    errors.Add(line.Trim()); // the guest died: say why instead of just "no output"
                continue;
            }
            var f = line[(at + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
                continue;
            switch (f[0])
            {
                case "V" when f.Length > 1:
                    release = f[1];
                    break;
                case "S" when f.Length > 1:
                    Finish();
                    index = Int(f[1]);
                    calls = [];
                    break;
                case "R" when f.Length > 2 && calls is not null:
                    var tail = f.Skip(3).ToList();
                    calls.Add(new KernelCall(Int(f[1]), long.Parse(f[2], CultureInfo.InvariantCulture),
                        tail.FirstOrDefault(x => x.StartsWith('D')) is { } d ? Int(d[1..]) : 0,
                        tail.FirstOrDefault(x => x.StartsWith('F'))?[1..]));
                    break;
                case "O" when f.Length > 2 && calls is not null && Outcome.Parse(string.Join(' ', f[2..])) is { } outcome:
                    outcomes.Add((outcome, long.Parse(f[1], CultureInfo.InvariantCulture)));
                    break;
                case "K" when calls is not null:
                    alarms.Add(line[Math.Min(at + 5, line.Length)..]);
                    break;
                case "L" when f.Length > 1:
                    live = Int(f[1]);
                    break;
                case "X" when f.Length > 1:
                    exit = Int(f[1]);
                    break;
                case "END":
                    complete = true;
                    break;
                default:
                    errors.Add(line[at..]); // "KL !" from /init, or a line cut by a kernel message
                    break;
            }
        }
        Finish();
        return new SerialLog(release, scenarios, complete, errors);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
