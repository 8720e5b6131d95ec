using System.Globalization;
using System.Runtime.InteropServices;

namespace PrimeProps.Bench;

/// <summary>The statistics and number formats the benchmark tables share.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Format(double value, string format = "0.#")
        => double.IsInfinity(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The line every table prints under its title: timings depend on it, and on what else ran (the load average).</summary>
    public static string Machine
        => $"Wall-clock on .NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, "
         + $"load average {LoadAverage()} at the start (other work on the machine slows every figure alike).";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
