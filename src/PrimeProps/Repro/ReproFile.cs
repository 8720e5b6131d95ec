using System.Text;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Repro;

/// <summary>
/// A failing scenario as a file that replays it: the scenario text with the schedule the run
/// took and the protocol it ran on (its 'protocol' line), headed by comments on what it found
/// and how to replay it.
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
        sb.Append(ScenarioPrinter.Print(run.Scenario, run.Protocol));
        return sb.ToString();
    }

    /// <summary>
    /// Writes to a temporary name in the same folder and renames, so a reader never sees half a
    /// file. The folder must exist unless <paramref name="createFolder"/> (for folders a tool
    /// owns, such as findings/); on any failure the temporary file is gone and an
    /// <see cref="OutputWriteException"/> names the path.
    /// </summary>
    public static void WriteAtomically(string path, string text, bool createFolder = false)
        => WriteAtomically(path, Encoding.UTF8.GetBytes(text), createFolder);

    /// <inheritdoc cref="WriteAtomically(string, string, bool)"/>
    public static void WriteAtomically(string path, byte[] bytes, bool createFolder = false)
    {
        string? tmp = null;
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
                throw new OutputWriteException(path, "is a directory");
            var dir = Path.GetDirectoryName(full)!;
            ThrowIfUnderAFile(path, dir);
            if (createFolder)
                CreateFolder(dir);
            if (IsSpecial(full))
            {
                // /dev/stdout, /dev/null or a link: a rename would replace the device or the link itself.
                File.WriteAllBytes(full, bytes);
                return;
            }
            tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, full, overwrite: true);
            tmp = null;
        }
        catch (Exception e) when (OutputWriteException.IsWriteError(e))
        {
            throw OutputWriteException.From(path, e);
        }
        finally
        {
            if (tmp is not null)
                OutputWriteException.TryDelete(tmp);
        }
    }

    /// <summary>
    /// Fails now, before a long run, when <paramref name="path"/> could not be written later: its
    /// folder is missing (and not <paramref name="createFolder"/>), lies under a file, or the path names a folder.
    /// </summary>
    public static void CheckWritable(string path, bool createFolder = false)
        => Guard(path, () =>
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
                throw new OutputWriteException(path, "is a directory");
            var dir = Path.GetDirectoryName(full)!;
            ThrowIfUnderAFile(path, dir);
            if (!createFolder && !Directory.Exists(dir))
                throw new OutputWriteException(path, "no such directory");
        });

    /// <summary>Fails now when a folder the tool would create later (findings/, say) cannot be one.</summary>
    public static void CheckFolder(string path) => Guard(path, () => ThrowIfUnderAFile(path, Path.GetFullPath(path), isFolder: true));

    private static bool IsSpecial(string full)
        => full.StartsWith("/dev/", StringComparison.Ordinal) || (File.Exists(full) && new FileInfo(full).LinkTarget is not null);

    /// <summary>Creates a folder the tool writes into (findings/, a campaign's output), or an <see cref="OutputWriteException"/>.</summary>
    public static string CreateFolder(string path)
    {
        Guard(path, () =>
        {
            ThrowIfUnderAFile(path, Path.GetFullPath(path), isFolder: true);
            Directory.CreateDirectory(path);
        });
        return path;
    }

    /// <summary>Throws when <paramref name="folder"/> or a folder above it is a file (<paramref name="given"/> is itself that folder when <paramref name="isFolder"/>).</summary>
    private static void ThrowIfUnderAFile(string given, string folder, bool isFolder = false)
    {
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
                throw new OutputWriteException(given, isFolder && dir == folder ? "is a file, not a folder" : $"{dir} is a file, not a folder");
            if (Directory.Exists(dir))
                return;
        }
    }

    private static void Guard(string path, Action act)
    {
        try
        {
            act();
        }
        catch (Exception e) when (OutputWriteException.IsWriteError(e))
        {
            throw OutputWriteException.From(path, e);
        }
    }
}
