using System.Diagnostics;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>Runs another program to completion, or finds one on PATH.</summary>
internal static class ExternalCommand
{
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The last lines of the output, for an error message.</summary>
        public string Tail(int lines = 15) => string.Join('\n', Output.TrimEnd().Split('\n').TakeLast(lines));
    }

    /// <summary>Stdout and stderr together, in order of arrival.</summary>
    public static Result Run(string program, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var output = new System.Text.StringBuilder();
        using var process = StartWithLines(info, line => { lock (output) output.AppendLine(line); });
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>The full path of an executable named <paramref name="name"/> in <paramref name="pathVariable"/> (PATH's syntax), or null.</summary>
    public static string? FindOnPath(string name, string? pathVariable)
        => (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(p => File.Exists(p) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(p) & ExecuteBits) != 0));

    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Starts <paramref name="info"/> (stdout and stderr redirected), handing every line of both
    /// to <paramref name="line"/>; <paramref name="exited"/> is attached before the start, so a
    /// process that ends at once still reports.
    /// </summary>
    internal static Process StartWithLines(ProcessStartInfo info, Action<string> line, Action<Process>? exited = null)
    {
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (exited is not null)
            process.Exited += (_, _) => exited(process);
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
                line(e.Data);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new CampaignException($"cannot run {info.FileName}: {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
