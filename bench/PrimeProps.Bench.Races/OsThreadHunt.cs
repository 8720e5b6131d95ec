using System.Diagnostics;

namespace PrimeProps.Bench.Races;

/// <summary>
/// The hand port on two real threads, what a stress test does: every round a fresh setup, T0
/// and T1 released together from a barrier, <see cref="Thread.Yield"/> at every scheduling
/// point (or, as a plain stress test has, none); rounds are counted until the assertion fires or the cap is reached. The seed only
/// varies a short spin before T1 starts, so rounds differ between seeds; the OS decides the rest.
/// </summary>
internal static class OsThreadHunt
{
    private sealed class OsHarness(bool yields) : IRaceHarness
    {
        public volatile bool Fired;
        public void Interleave() { if (yields) Thread.Yield(); }
        public void Assert(bool holds, string message) { if (!holds) Fired = true; }
    }

    public static RaceHunt Run(int seed, int maxRounds, bool yields)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        using var start = new Barrier(3);
        using var done = new Barrier(3);
        Row1Port? port = null;
        int spin = 0;
        bool stop = false;
        var t0 = new Thread(() => Loop(() => port!.CloseLastFd()));
        var t1 = new Thread(() => Loop(() => { Thread.SpinWait(spin); port!.ReExport(); }));
        t0.Start();
        t1.Start();
        var harness = new OsHarness(yields);
        int rounds = 0;
        while (rounds < maxRounds && !harness.Fired)
        {
            rounds++;
            port = new Row1Port(harness).Setup();
            spin = random.Next(0, 64);
            start.SignalAndWait();
            done.SignalAndWait();
        }
        stop = true;
        start.SignalAndWait();
        t0.Join();
        t1.Join();
        return new RaceHunt(rounds, clock.Elapsed.TotalSeconds, harness.Fired);

        void Loop(Action body)
        {
            while (true)
            {
                start.SignalAndWait();
                if (Volatile.Read(ref stop))
                    return;
                body();
                done.SignalAndWait();
            }
        }
    }
}
