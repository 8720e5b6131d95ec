using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.KernelLane;

/// <summary>
/// Compares what the real kernel answered for one lane scenario with a model run of it:
/// every result, the identity of every dma-buf fd (the model's struct file and the kernel's
/// inode ordinal must pair up one to one), FD_CLOEXEC and the access mode of every returned fd,
/// the live dma-bufs once the process is gone, and the
/// model run's own verdict (its oracles and, for modern, the sequential reference).
/// </summary>
public static class LaneComparer
{
    /// <summary>
    /// Address orders tried at most: every order of the first <see cref="OrderedDmaBufs"/> dma-bufs
    /// (7! = 5040); later ones keep the default, above all earlier ones.
    /// </summary>
    public const int OrderedDmaBufs = 7;

    /// <summary>
    /// The mismatches of the dma-buf address order that explains the kernel's answers. Slab
    /// addresses are not the scenario's to choose, and they shape the prime caches' trees
    /// (drm_prime_add_buf_handle and drm_prime_lookup_buf_handle compare dma_buf pointers), so
    /// the model's address order (<see cref="Scenario.Addresses"/>) is a free choice here: the
    /// scenario's own order first, then every other in turn. None agreeing: the first order's mismatches.
    /// </summary>
    public static IReadOnlyList<Mismatch> Compare(LaneScenario lane, KernelScenario? kernel, Func<LinuxKernel> model)
    {
        var first = Compare(lane, kernel, model(), out int dmaBufs);
        if (first.Count == 0 || kernel is null || dmaBufs < 2)
            return first;
        foreach (var order in OtherAddressOrders(lane.Scenario, dmaBufs))
            if (Compare(lane with { Scenario = lane.Scenario with { Addresses = order } }, kernel, model(), out _).Count == 0)
                return [];
        return first;
    }

    /// <summary>Every address order of the first <paramref name="dmaBufs"/> dma-bufs (at most <see cref="OrderedDmaBufs"/>) but the scenario's own.</summary>
    internal static IEnumerable<int[]> OtherAddressOrders(Scenario scenario, int dmaBufs)
    {
        var own = scenario.Addresses;
        return AddressOrders(Math.Min(dmaBufs, OrderedDmaBufs)).Where(order => order.Where((at, k) => at != (k < own.Count ? own[k] : k)).Any());
    }

    /// <summary>Every address order of <paramref name="count"/> dma-bufs: entry k a position among the k made before it.</summary>
    internal static IEnumerable<int[]> AddressOrders(int count)
    {
        var order = new int[count];
        while (true)
        {
            yield return (int[])order.Clone();
            int k = count - 1;
            while (k >= 0 && order[k] == k)
                order[k--] = 0;
            if (k < 0)
                yield break;
            order[k]++;
        }
    }

    /// <summary>The mismatches of one model run (the scenario's address order), and how many dma-bufs it made.</summary>
    public static IReadOnlyList<Mismatch> Compare(LaneScenario lane, KernelScenario? kernel, LinuxKernel model) => Compare(lane, kernel, model, out _);

    private static IReadOnlyList<Mismatch> Compare(LaneScenario lane, KernelScenario? kernel, LinuxKernel model, out int dmaBufs)
    {
        var run = Executor.Run(lane.Scenario, model);
        dmaBufs = run.Kernel.DmaBufs.Count;
        var found = new List<Mismatch>();
        void Add(string syscall, string k, string m) => found.Add(new Mismatch(lane.Label, syscall, k, m));

        if (run.Violation is { } v)
            Add("model's own check (oracles, sequential reference)", "not involved", $"{v.Oracle}: {v.Message}");
        if (kernel is null)
        {
            Add("whole scenario", "printed nothing (guest stopped early?)", "ran");
            return found;
        }

        var ops = lane.Scenario.Setup;
        var calls = run.History.Where(c => c.Thread == Scenario.SetupThread).ToDictionary(c => c.Op);
        var modelToKernel = new Dictionary<int, int>();
        var kernelToModel = new Dictionary<int, int>();
        for (int k = 0; k < ops.Count; k++)
        {
            string syscall = $"op {k + 1} `{ScenarioPrinter.PrintOp(ops[k])}`";
            var got = kernel.Calls.FirstOrDefault(c => c.Op == k);
            bool ran = kernel.Calls.Any(c => c.Op == k);
            calls.TryGetValue(k, out var call);
            if (!ran || call is null)
            {
                if (ran || call is not null)
                    Add(syscall, ran ? Errno.Format(got.Result) : "did not run", call is null ? "did not run" : Errno.Format(call.Result));
                continue;
            }
            if (got.Result != call.Result)
            {
                Add(syscall, Errno.Format(got.Result), Errno.Format(call.Result));
                continue;
            }
            if (FlagsClash(got.Flags, call, run.Kernel) is { } flags)
                Add(syscall + " fd flags", flags.Kernel, flags.Model);
            int modelDmaBuf = call.Result >= 0 && call.Installed > 0 && run.Kernel.OpenedFiles[call.Installed - 1].Kind == FileKind.DmaBuf ? call.Installed : 0;
            if (IdentityClash(modelDmaBuf, got.DmaBuf, modelToKernel, kernelToModel) is { } clash)
                Add(syscall, clash.Kernel, clash.Model);
        }

        int modelLive = run.Kernel.DmaBufs.Count(d => !d.Freed);
        if (kernel.AbnormalExit is { } status)
            Add("process exit", $"child wait status {status}", "exit 0");
        if (kernel.LiveDmaBufs != modelLive)
            Add("after exit (leak check)", $"{kernel.LiveDmaBufs?.ToString() ?? "no"} live dma-buf(s)", $"{modelLive} live dma-buf(s)");
        return found;
    }

    /// <summary>
    /// The fd's FD_CLOEXEC and access mode against the model's ("0r" = none, O_RDONLY; "1b" =
    /// FD_CLOEXEC, O_RDWR). A dup of stdio is compared on FD_CLOEXEC only: its mode is the
    /// guest console's. An executor that printed no flags is not compared (an older batch).
    /// </summary>
    private static (string Kernel, string Model)? FlagsClash(string? kernel, Call call, KernelState model)
    {
        if (kernel is null || call.Flags is not { } m)
            return null;
        bool stdio = call.Installed > 0 && model.OpenedFiles[call.Installed - 1].Kind == FileKind.Stdio;
        string expected = $"{(m.Cloexec ? 1 : 0)}{(m.ReadWrite ? 'b' : 'r')}";
        bool same = stdio ? kernel.Length > 0 && kernel[0] == expected[0] : kernel == expected;
        return same ? null : (Describe(kernel), stdio ? $"{(m.Cloexec ? "cloexec" : "-")},any" : m.ToString());
    }

    private static string Describe(string flags) => flags.Length != 2 ? $"flags '{flags}'"
        : $"{(flags[0] == '1' ? "cloexec" : "-")},{flags[1] switch { 'b' => "rdwr", 'r' => "rdonly", 'w' => "wronly", _ => "?" }}";

    /// <summary>Where the pairing of dma-bufs stops being one to one (or one side has a dma-buf and the other not).</summary>
    private static (string Kernel, string Model)? IdentityClash(int model, int kernel, Dictionary<int, int> modelToKernel, Dictionary<int, int> kernelToModel)
    {
        string K(int ord) => ord == 0 ? "no dma-buf" : $"dma-buf #{ord}";
        string M(int file) => file == 0 ? "no dma-buf" : $"dma-buf file#{file}";
        if (model == 0 && kernel == 0)
            return null;
        if (model == 0 || kernel == 0)
            return (K(kernel), M(model));
        if (modelToKernel.TryGetValue(model, out int pairedKernel) && pairedKernel != kernel)
            return (K(kernel), $"{M(model)}, which was the kernel's #{pairedKernel}");
        if (kernelToModel.TryGetValue(kernel, out int pairedModel) && pairedModel != model)
            return ($"{K(kernel)}, which was the model's file#{pairedModel}", M(model));
        modelToKernel[model] = kernel;
        kernelToModel[kernel] = model;
        return null;
    }
}
