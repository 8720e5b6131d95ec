using System.Text;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Repro;

/// <summary>
/// A failing scenario as a file that replays it: the scenario text with the schedule the run
/// took, headed by comments on what it found and how to replay it.
/// </summary>
public static class ReproFile
{
    public static string Render(RunResult run, params string[] notes)
    {
        var sb = new StringBuilder();
        foreach (var note in notes)
            sb.Append("# ").AppendLine(note);
        if (run.Violation is { } v)
        {
            sb.AppendLine($"# {v}");
            sb.AppendLine($"# expect {run.Protocol}: {v.Oracle}");
        }
        sb.Append(ScenarioPrinter.Print(run.Scenario));
        return sb.ToString();
    }

    /// <summary>Writes to a temporary name and renames, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
