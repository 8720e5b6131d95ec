using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PrimeProps.Cli.Fuzzing;

/// <summary>One instance's counters, as AFL++ last reported them.</summary>
internal readonly record struct InstanceStats(long ExecsDone, double ExecsPerSec, long Paths, long Crashes, long Hangs);

/// <summary>
/// Live counters from the AFL++ instances. With AFL_NO_UI, fuzzer_stats is rewritten only once
/// a minute, too stale for a status line; AFL++'s StatsD output (AFL_STATSD) comes every
/// second, as UDP datagrams of "fuzzing.METRIC:VALUE|g|#banner:NAME,..." lines. This listens
/// on a free port on the loopback and keeps the latest values per instance (its -T banner).
/// </summary>
internal sealed class StatsdListener : IDisposable
{
    private readonly UdpClient udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<string, Dictionary<string, double>> latest = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;

    public StatsdListener() => receiving = Task.Run(Receive);

    public int Port => ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

    /// <summary>The environment that makes an AFL++ instance report here.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("AFL_STATSD", "1"),
        new("AFL_STATSD_HOST", "127.0.0.1"),
        new("AFL_STATSD_PORT", Port.ToString(CultureInfo.InvariantCulture)),
        new("AFL_STATSD_TAGS_FLAVOR", "dogstatsd"), // tags carry the banner, telling instances apart
    ];

    /// <summary>The latest counters of each instance that has reported.</summary>
    public IReadOnlyList<InstanceStats> Snapshot()
    {
        lock (latest)
            return latest.Values.Select(m => new InstanceStats(
                (long)m.GetValueOrDefault("execs_done"), m.GetValueOrDefault("execs_per_sec"), (long)m.GetValueOrDefault("corpus_count"),
                (long)m.GetValueOrDefault("saved_crashes"), (long)m.GetValueOrDefault("saved_hangs"))).ToList();
    }

    private async Task Receive()
    {
        while (!stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await udp.ReceiveAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return; // disposed: the campaign is over
            }
            foreach (var line in Encoding.UTF8.GetString(datagram.Buffer).Split('\n'))
                Record(line);
        }
    }

    /// <summary>"fuzzing.execs_done:123|g|#banner:main,afl_version:++4.04c"; anything else is ignored.</summary>
    private void Record(string line)
    {
        var parts = line.Split('|');
        var metric = parts[0].Split(':');
        var banner = parts.LastOrDefault(p => p.StartsWith('#'))?.Split(',').FirstOrDefault(t => t.StartsWith("#banner:", StringComparison.Ordinal));
        if (metric.Length != 2 || banner is null || !metric[0].StartsWith("fuzzing.", StringComparison.Ordinal)
            || !double.TryParse(metric[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            return;
        lock (latest)
        {
            var name = banner["#banner:".Length..];
            if (!latest.TryGetValue(name, out var metrics))
                latest[name] = metrics = [];
            metrics[metric[0]["fuzzing.".Length..]] = value;
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        udp.Dispose();
        receiving.Wait(TimeSpan.FromSeconds(1));
        stop.Dispose();
    }
}
