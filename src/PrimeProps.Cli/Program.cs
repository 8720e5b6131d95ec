using System.CommandLine;
using PrimeProps.Cli.Commands;

namespace PrimeProps.Cli;

/// <summary>
/// primeprops: exit status 0 when clean, 1 when a violation was found, 2 for bad usage or a
/// bad input file (the message names the file, line and column), 3 when the framework itself
/// misbehaved (a run did not replay the same way), 130 when interrupted (SIGINT or SIGTERM)
/// after printing what was found so far.
/// </summary>
public static class Program
{
    public const int Clean = 0, ViolationFound = 1, BadUsage = 2, FrameworkBug = 3, Interrupted = 130;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // A plain Command, not RootCommand: RootCommand names itself after the executable
        // (PrimeProps.Cli, or testhost under a test), and the usage line should say primeprops.
        var root = new Command("primeprops", "PrimeProps: property-based testing of the Linux DRM GEM/PRIME buffer-sharing protocol")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            CheckCommand.Create(stdout),
            ReplayCommand.Create(stdout, stderr),
            ProtocolsCommand.Create(stdout),
            ReproCommand.Create(stdout, stderr),
            ShrinkCommand.Create(stdout, stderr),
            KernelCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            FuzzCommand.Create(stdout, stderr),
            FuzzSeedsCommand.Create(stdout),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine($"primeprops: {error.Message}");
            stderr.WriteLine("Try 'primeprops --help'.");
            return BadUsage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Repro.OutputWriteException e)
        {
            stderr.WriteLine($"primeprops: {e.Message}");
            return BadUsage;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"primeprops: {e.Message}");
            return BadUsage;
        }
        catch (Search.NondeterminismException e)
        {
            stderr.WriteLine($"primeprops: framework bug, not a finding: {e.Message}");
            return FrameworkBug;
        }
    }
}

/// <summary>Bad arguments found after parsing (an unknown protocol, say): exit status 2.</summary>
public sealed class UsageException(string message) : Exception(message);
