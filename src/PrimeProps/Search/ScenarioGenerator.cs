using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Search;

/// <summary>
/// Random scenarios, resource-typed like syzkaller's: the generator reads what it has drawn so
/// far with the classifier's typing (<see cref="Scenarios.Typing.ResourceView"/>), so a drm-file
/// argument gets a live drm file, a dma-buf argument a live dma-buf fd, a handle argument a live
/// handle of that file and a name a flink name of that device; a set share of calls has
/// deliberately bad input instead (<see cref="GeneratorOptions.BadInputPercent"/>). It steers
/// toward where PRIME bugs live: the setup exports, imports and shares its objects, and the
/// threads work on them (imports into the exporting file, another file and another device,
/// re-exports of imports, GEM_OPEN of a file's own name, closes of shared fds and handles
/// while others use them, numbers reused at once). Each scenario draws its own op kinds and
/// shares (<see cref="Swarm"/>). On request the scenario also gets a schedule drawn as data.
/// One generator serves check, FsCheck, the fuzzer's seeds and the kernel lane.
/// </summary>
public sealed class ScenarioGenerator(GeneratorOptions options)
{
    private const int SingleThreadPercent = 15;

    public Scenario Generate(RandomSource rng)
    {
        var swarm = options.Swarm ? Swarm.Draw(rng, options) : Swarm.Middle(options);
        var devices = Enumerable.Range(0, rng.Next(1, options.MaxDevices))
            .Select(i => new DeviceDecl($"d{i}", DeviceKind.Native)).ToList();
        var draft = new Draft(rng, options, swarm, devices);
        var (setup, view) = draft.Setup();

        var threads = new List<ThreadDecl>();
        // Races need two threads: a single thread is drawn only now and then (it still checks the sequential semantics).
        int count = options.MaxThreads >= 2 && !rng.Chance(SingleThreadPercent) ? rng.Next(2, options.MaxThreads) : rng.Next(1, options.MaxThreads);
        for (int t = 0; t < count; t++)
            threads.Add(new ThreadDecl($"T{t}", draft.Thread(view.ForThread(t))));

        var faults = new List<Fault>();
        if (rng.Chance(options.FaultPercent) && DrawFault(rng, threads, draft.GuessedCreations) is { } fault)
            faults.Add(fault);
        var schedule = options.MaxScheduleRuns > 0 ? RandomSchedule(rng, threads.Count) : [];
        var addresses = options.AddressOrderPercent > 0 && rng.Chance(options.AddressOrderPercent)
            ? Enumerable.Range(0, options.MaxAddressPositions).Select(k => rng.Next(k + 1)).ToList()
            : [];
        return new Scenario(devices, setup, threads, schedule, faults) { Addresses = addresses };
    }

    /// <summary>
    /// One allocation fault, at a site on the path of the op it names (<see cref="OpSpec.Sites"/>),
    /// so that it can fire: half of the time in the creation of a handle whose number another
    /// thread guessed (its error path then runs while that thread holds the number), else in
    /// any op that allocates. Null when no thread op allocates.
    /// </summary>
    private static Fault? DrawFault(RandomSource rng, List<ThreadDecl> threads, List<string> guessed)
    {
        var allocating = new List<(int Thread, int Op)>();
        var creations = new List<(int Thread, int Op)>();
        for (int t = 0; t < threads.Count; t++)
            for (int i = 0; i < threads[t].Ops.Count; i++)
            {
                var op = threads[t].Ops[i];
                if (OpSpec.Of(op.Kind).Sites.Count == 0)
                    continue;
                allocating.Add((t, i));
                if (op.Result is { } result && guessed.Contains(result))
                    creations.Add((t, i));
            }
        if (allocating.Count == 0)
            return null;
        var (thread, index) = rng.Pick(creations.Count > 0 && rng.Chance(50) ? creations : allocating);
        return new Fault(thread, index, rng.Pick(OpSpec.Of(threads[thread].Ops[index].Kind).Sites));
    }

    /// <summary>Runs of random threads and lengths; past its end the executor's fallback schedules.</summary>
    private List<ScheduleRun> RandomSchedule(RandomSource rng, int threadCount)
    {
        var steps = new List<int>();
        for (int runs = rng.Next(1, options.MaxScheduleRuns); runs > 0; runs--)
        {
            int thread = rng.Next(threadCount);
            steps.AddRange(Enumerable.Repeat(thread, rng.Next(1, options.MaxRunLength)));
        }
        return [.. Scenario.Compress(steps)];
    }
}
