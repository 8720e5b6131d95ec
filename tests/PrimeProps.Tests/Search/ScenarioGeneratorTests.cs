using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Runtime;
using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;
using PrimeProps.Search;

namespace PrimeProps.Tests.Search;

public class ScenarioGeneratorTests
{
    private static List<Scenario> Draw(GeneratorOptions options, int count = 300)
    {
        var generator = new ScenarioGenerator(options);
        return [.. Enumerable.Range(0, count).Select(seed => generator.Generate(new SplitMix64((ulong)seed)))];
    }

    private static List<TypedOp> ThreadOps(IEnumerable<Scenario> scenarios)
        => [.. scenarios.Select(s => new TypedScenario(s)).SelectMany(t => t.All).Where(o => o.Thread != Scenario.SetupThread)];

    [Fact]
    public void The_same_seed_draws_the_same_scenario()
    {
        var generator = new ScenarioGenerator(new GeneratorOptions());
        var text = ScenarioPrinter.Print(generator.Generate(new SplitMix64(3)));
        Assert.Equal(text, ScenarioPrinter.Print(generator.Generate(new SplitMix64(3))));
        Assert.NotEqual(text, ScenarioPrinter.Print(generator.Generate(new SplitMix64(4))));
    }

    [Fact]
    public void About_the_set_share_of_thread_calls_reads_as_deliberately_bad_input()
    {
        var ops = ThreadOps(Draw(new GeneratorOptions { Guesses = false }, 1000));
        double bad = (double)ops.Count(o => o.Bad != BadInput.None) / ops.Count;

        Assert.True(ops.Count > 5000, $"only {ops.Count} thread ops drawn");
        Assert.InRange(bad, 0.06, 0.11); // 10% of the drawn ops; opens and the calls that make a missing resource are always good
        foreach (var kind in new[] { BadInput.RawNumber, BadInput.WrongKind, BadInput.Closed, BadInput.BadFlags })
            Assert.Contains(ops, o => o.Bad == kind);
    }

    [Fact]
    public void Without_bad_input_every_call_reads_as_good()
    {
        var all = Draw(new GeneratorOptions { BadInputPercent = 0, Guesses = false }).Select(s => new TypedScenario(s)).SelectMany(t => t.All).ToList();
        Assert.True(all.Count > 3000);
        Assert.All(all, o => Assert.Equal(BadInput.None, o.Bad));
    }

    [Fact]
    public void With_only_bad_input_every_thread_call_but_open_reads_as_bad()
    {
        var ops = ThreadOps(Draw(new GeneratorOptions { BadInputPercent = 100 }));
        Assert.True(ops.Count(o => o.Op.Kind != OpKind.Open) > 1000);
        Assert.All(ops.Where(o => o.Op.Kind != OpKind.Open), o => Assert.NotEqual(BadInput.None, o.Bad));
    }

    [Fact]
    public void Every_good_fd_to_handle_imports_a_dma_buf_into_a_drm_file()
    {
        var imports = ThreadOps(Draw(new GeneratorOptions())).Where(o => o.Op.Kind == OpKind.FdToHandle && o.Bad == BadInput.None).ToList();
        Assert.True(imports.Count > 200, $"only {imports.Count} imports drawn");
        Assert.All(imports, o => Assert.Equal((Resource.DrmFile, Resource.DmaBuf), (o.Args[0].Kind, o.Args[1].Kind)));
    }

    [Fact]
    public void Every_good_handle_argument_is_a_handle_of_the_file_the_call_runs_in()
    {
        var calls = ThreadOps(Draw(new GeneratorOptions()))
            .Where(o => o.Op.Kind is OpKind.GemClose or OpKind.HandleToFd or OpKind.Flink && o.Bad == BadInput.None).ToList();
        Assert.True(calls.Count > 500, $"only {calls.Count} handle calls drawn");
        Assert.All(calls, o => Assert.True(o.Args[0].Kind == Resource.DrmFile && o.Args[1].Kind == Resource.Handle && o.Args[1].File == o.Args[0].File));
    }

    [Fact]
    public void Every_good_gem_open_takes_a_flink_name_of_the_device_of_its_file()
    {
        var opens = ThreadOps(Draw(new GeneratorOptions())).Where(o => o.Op.Kind == OpKind.GemOpen && o.Bad == BadInput.None).ToList();
        Assert.True(opens.Count > 100, $"only {opens.Count} gem_opens drawn");
        Assert.All(opens, o => Assert.True(o.Args[1].Kind == Resource.Name && o.Args[1].Device == o.Args[0].Device));
    }

    [Fact]
    public void The_steering_draws_each_shape_where_prime_bugs_live()
    {
        var ops = Draw(new GeneratorOptions()).Select(s => new TypedScenario(s)).SelectMany(t => t.All).Where(o => o.Bad == BadInput.None).ToList();
        foreach (var origin in new[] { HandleOrigin.SelfImport, HandleOrigin.SameDeviceImport, HandleOrigin.ForeignImport })
            Assert.True(ops.Count(o => o.Op.Kind == OpKind.FdToHandle && o.Result.Origin == origin) > 20, $"few imports of kind {origin}");
        Assert.Contains(ops, o => o.Op.Kind == OpKind.HandleToFd && o.Args[1].Origin == HandleOrigin.ForeignImport); // re-export
        Assert.Contains(ops, o => o.Op.Kind == OpKind.GemOpen && o.Args[1].File == o.Args[0].File);        // own name
        Assert.Contains(ops, o => o.Op.Kind == OpKind.GemOpen && o.Args[1].File != o.Args[0].File);        // across files
    }

    [Fact]
    public void Threads_often_destroy_a_value_of_the_setup_that_another_thread_uses()
    {
        int races = 0;
        foreach (var s in Draw(new GeneratorOptions()))
        {
            var setup = s.Setup.Where(o => o.Result is not null).Select(o => o.Result!).ToHashSet();
            var uses = s.Threads.Select(t => t.Ops.SelectMany(o => o.Args).Where(a => a.IsRef).Select(a => a.Var!).ToHashSet()).ToList();
            for (int t = 0; t < s.Threads.Count; t++)
                foreach (var destroyed in s.Threads[t].Ops.Where(o => o.Kind is OpKind.Close or OpKind.GemClose).Select(o => o.Args[^1].Var))
                    if (destroyed is not null && setup.Contains(destroyed) && uses.Where((_, u) => u != t).Any(u => u.Contains(destroyed)))
                        races++;
        }
        Assert.True(races > 30, $"only {races} destroys of shared values");
    }

    [Fact]
    public void Each_scenario_draws_its_own_subset_of_op_kinds()
    {
        var subsets = Draw(new GeneratorOptions())
            .Select(s => string.Join(",", s.Threads.SelectMany(t => t.Ops).Select(o => o.Kind).Distinct().Order())).ToHashSet();
        Assert.True(subsets.Count > 50, $"only {subsets.Count} different subsets");
    }

    [Fact]
    public void A_drawn_schedule_names_only_the_scenarios_threads_and_survives_the_text_form()
    {
        var scenarios = Draw(new GeneratorOptions { MaxThreads = 4, MaxScheduleRuns = 10 });
        Assert.NotEmpty(scenarios);
        foreach (var s in scenarios)
        {
            Assert.NotEmpty(s.Schedule);
            Assert.All(s.Schedule, r => Assert.InRange(r.Thread, 0, s.Threads.Count - 1));
            var text = ScenarioPrinter.Print(s);
            Assert.Equal(text, ScenarioPrinter.Print(ScenarioParser.Parse(text)));
        }
    }

    [Fact]
    public void Ops_left_out_are_never_drawn_in_a_thread_or_the_setup()
    {
        var scenarios = Draw(new GeneratorOptions().Without(OpKind.FdToHandle, OpKind.Flink, OpKind.GemOpen));
        var ops = scenarios.SelectMany(s => s.Setup.Concat(s.Threads.SelectMany(t => t.Ops))).ToList();
        Assert.Contains(ops, o => o.Kind == OpKind.HandleToFd);
        Assert.DoesNotContain(ops, o => o.Kind is OpKind.FdToHandle or OpKind.Flink or OpKind.GemOpen);
    }

    [Fact]
    public void The_setup_may_keep_kinds_the_threads_leave_out()
    {
        var options = new GeneratorOptions().Without(OpKind.Flink, OpKind.GemOpen) with { SetupKinds = new HashSet<OpKind> { OpKind.Flink, OpKind.GemOpen } };
        var scenarios = Draw(options);
        Assert.Contains(scenarios, s => s.Setup.Any(o => o.Kind == OpKind.GemOpen));
        Assert.DoesNotContain(scenarios, s => s.Setup.Any(o => o.Kind is OpKind.HandleToFd or OpKind.FdToHandle));
        Assert.DoesNotContain(scenarios.SelectMany(s => s.Threads.SelectMany(t => t.Ops)), o => o.Kind is OpKind.Flink or OpKind.GemOpen);
    }

    [Fact]
    public void A_raw_fd_is_often_the_next_fd_the_threads_will_get()
    {
        int guesses = 0;
        foreach (var s in Draw(new GeneratorOptions { BadInputPercent = 100 }))
        {
            long next = 3 + s.Setup.Count(o => OpSpec.Of(o.Kind).Returns == ValueKind.Fd);
            guesses += s.Threads.SelectMany(t => t.Ops).Where(o => o.Kind is OpKind.Close or OpKind.Dup)
                .Count(o => !o[0].IsRef && o[0].Raw is var raw && (raw == next || raw == next + 1));
        }
        Assert.True(guesses > 50, $"only {guesses} guessed fds");
    }

    [Fact]
    public void Threads_guess_the_handle_number_another_threads_creation_gets()
    {
        int guesses = 0, right = 0;
        foreach (var s in Draw(new GeneratorOptions { BadInputPercent = 0 }, 1000))
        {
            var run = Executor.Run(s, new Modern());
            var created = run.History.Where(c => c.Thread >= 0 && c.Kind is OpKind.CreateDumb or OpKind.GemOpen or OpKind.FdToHandle && c.Result > 0)
                .Select(c => (c.Thread, c.Args.A, c.Result)).ToList();
            foreach (var (t, op) in s.Threads.SelectMany((t, i) => t.Ops.Select(o => (i, o))).Where(p => p.o.Kind is OpKind.GemClose or OpKind.Flink or OpKind.HandleToFd && !p.o[1].IsRef))
            {
                guesses++;
                right += created.Any(c => c.Thread != t && c.Result == op[1].Raw) ? 1 : 0;
            }
        }
        Assert.True(guesses > 100, $"only {guesses} guessed handles");
        Assert.True(right * 2 > guesses, $"{right} of {guesses} guesses name a number another thread's creation got");
    }

    [Fact]
    public void A_drawn_fault_names_an_allocation_on_the_path_of_its_op()
    {
        var faulted = Draw(new GeneratorOptions { FaultPercent = 100 }).Where(s => s.Faults.Count > 0).ToList();
        Assert.True(faulted.Count > 250, $"only {faulted.Count} faulted scenarios");
        Assert.All(faulted, s => Assert.Contains(s.Faults[0].Site, OpSpec.Of(s.Threads[s.Faults[0].Thread].Ops[s.Faults[0].Op].Kind).Sites));
        Assert.Contains(faulted, s => s.Faults[0].Site == "drm_vma_offset_file");
    }
}
