using System.Text.RegularExpressions;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.KernelLane;
using PrimeProps.Protocols;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.KernelLane;

/// <summary>
/// The truth corpus: what real kernels answered to the lane's scenarios (kernel-lane/truth/,
/// recorded by <c>primeprops kernel --record</c>), replayed against the protocol of each
/// kernel's version with the lane's own comparer, without a boot.
/// </summary>
public partial class TruthCorpusTests
{
    /// <summary>Random scenarios each committed file must hold at least, besides the IGT and catalog ones.</summary>
    private const int MinRandom = 2000;

    public static TheoryData<string> Series => [.. KernelProtocols.BySeries.Keys];

    private static TruthFile Committed(string series) => TruthFile.Load(TruthFile.PathOf(RepositoryRoot.Require(), series));

    private static List<Mismatch> Replay(TruthFile truth, Func<LinuxKernel> model)
        => [.. truth.Entries.SelectMany(e => LaneComparer.Compare(e.Lane, e.Observed, model))];

    [Theory]
    [MemberData(nameof(Series))]
    public void The_truth_of_each_kernel_replays_on_its_protocol_without_a_mismatch(string series)
    {
        var truth = Committed(series);
        var protocol = KernelProtocols.BySeries[series];

        Assert.Equal(protocol, KernelProtocols.For(truth.KernelRelease));
        var mismatches = Replay(truth, () => ProtocolRegistry.Create(protocol));
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatch(es) of {protocol} with the truth of {truth.KernelRelease}:\n"
            + string.Join("\n", mismatches.Take(20)));
    }

    [Theory]
    [MemberData(nameof(Series))]
    public void Each_truth_file_holds_the_corpus_and_enough_random_scenarios_and_stays_small(string series)
    {
        var truth = Committed(series);
        var labels = truth.Entries.Select(e => e.Lane.Label).ToList();

        Assert.True(labels.Count(l => l.StartsWith("random seed ", StringComparison.Ordinal)) >= MinRandom);
        Assert.Contains(labels, l => l.StartsWith("igt/", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("catalog/", StringComparison.Ordinal));
        Assert.InRange(new FileInfo(TruthFile.PathOf(RepositoryRoot.Require(), series)).Length, 1, 2 << 20);
    }

    [GeneratedRegex(@"^\./primeprops kernel --kernel (?<series>[0-9.]+) -n (?<n>[0-9]+) --seed [0-9]+ --record kernel-lane/truth/(?<file>[0-9.]+)\.txt$")]
    private static partial Regex RecordCommand();

    [Theory]
    [MemberData(nameof(Series))]
    public void Each_truth_file_names_its_kernel_and_the_command_that_records_it_again(string series)
    {
        var truth = Committed(series);
        var m = RecordCommand().Match(truth.RecordCommand);

        Assert.True(m.Success, truth.RecordCommand);
        Assert.Equal(series, m.Groups["series"].Value);
        Assert.Equal(series, m.Groups["file"].Value);
        Assert.Equal(int.Parse(m.Groups["n"].Value), truth.Entries.Count(e => e.Lane.Label.StartsWith("random seed ", StringComparison.Ordinal)));
        Assert.StartsWith(series + ".", truth.KernelRelease);
    }

    [Fact]
    public void A_fidelity_regression_of_the_model_shows_in_the_replay()
    {
        var mismatches = Replay(Committed("6.1"), () => new LaneComparisonTests.EnoentOnBadGemClose());

        Assert.Contains(mismatches, m => m.Syscall.Contains("gem_close", StringComparison.Ordinal) && m.Kernel == "-EINVAL" && m.Model == "-ENOENT");
    }

    private static readonly LaneScenario Small = new("small", TestScenarios.Sequential(
        "A = open d0", "h = create_dumb A", "fd = handle_to_fd A h CLOEXEC|RDWR", "gem_close A 9", "close fd"));

    private const string SmallText = """
        primeprops-truth 1
        kernel 6.1.0-57-amd64
        record ./primeprops kernel --kernel 6.1 -n 0 --seed 1 --record kernel-lane/truth/6.1.txt
        S small
        O d0: A = open d0; h = create_dumb A; fd = handle_to_fd A h CLOEXEC|RDWR; gem_close A 9; close fd
        K 3/F0b 1 4/D1/F1b -EINVAL . L0 X9

        """;

    [Fact]
    public void A_truth_file_writes_and_reads_back_scenarios_and_observations()
    {
        var observed = new KernelScenario(0, [new(0, 3, 0, "0b"), new(1, 1, 0), new(2, 4, 1, "1b"), new(3, -Errno.EINVAL, 0)], 0, 9);

        var text = TruthFile.Write("6.1.0-57-amd64", "./primeprops kernel --kernel 6.1 -n 0 --seed 1 --record kernel-lane/truth/6.1.txt", [(Small, observed)]);
        var back = TruthFile.Parse(text, "t.txt");

        Assert.Contains("\nS small\nO d0: A = open d0; h = create_dumb A; fd = handle_to_fd A h CLOEXEC|RDWR; gem_close A 9; close fd\nK 3/F0b 1 4/D1/F1b -EINVAL . L0 X9\n", text);
        Assert.Equal("6.1.0-57-amd64", back.KernelRelease);
        var entry = Assert.Single(back.Entries);
        Assert.Equal(Small.Label, entry.Lane.Label);
        Assert.Equal(ScenarioPrinter.Print(Small.Scenario), ScenarioPrinter.Print(entry.Lane.Scenario));
        Assert.Equal(observed.Calls, entry.Observed.Calls);
        Assert.Equal((0, 9), (entry.Observed.LiveDmaBufs, entry.Observed.AbnormalExit));
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.StartsWith("S small", StringComparison.Ordinal)) + 1, entry.Line);
    }

    [Fact]
    public void An_errno_without_a_name_and_a_missing_leak_count_read_back()
    {
        var text = SmallText.Replace("-EINVAL . L0 X9", "-E5 0 L?");

        var observed = Assert.Single(TruthFile.Parse(text, "t.txt").Entries).Observed;

        Assert.Equal(-5, observed.Calls[3].Result);
        Assert.Null(observed.LiveDmaBufs);
        Assert.Null(observed.AbnormalExit);
    }

    [Theory]
    [InlineData("primeprops-truth 1", "primeprops-truth 2", 1, "format version '2' unknown")]
    [InlineData("primeprops-truth 1", "primeprops-scenario 1", 1, "expected the header 'primeprops-truth 1'")]
    [InlineData("kernel 6.1.0-57-amd64\n", "", 2, "expected the kernel release")]
    [InlineData("S small\n", "", 4, "expected a scenario's label")]
    [InlineData("O d0: A = open d0;", "O d0: A = opn d0;", 5, "bad scenario: op 1 `A = opn d0`:")]
    [InlineData("O d0: ", "O ", 5, "expected 'O DEVICE: op; op; ...'")]
    [InlineData("4/D1/F1b", "4/Q1", 6, "op 3: '4/Q1' is not RESULT")]
    [InlineData("4/D1/F1b", "four", 6, "op 3: 'four' is not RESULT")]
    [InlineData(" . L0 X9", " L0", 6, "4 result(s) for 5 op(s)")]
    [InlineData(" L0 X9", "", 6, "no L<n>")]
    [InlineData(" L0 X9", " Lx", 6, "'Lx' is not L<n> or L?")]
    [InlineData(" L0 X9", " L0 9", 6, "'9' after L: expected X")]
    [InlineData(" L0 X9", " L0 X9 7", 6, "'7' after X")]
    [InlineData("K 3/F0b 1 4/D1/F1b -EINVAL . L0 X9\n", "", 6, "the file ends where what the kernel answered to 'small' should be")]
    public void A_damaged_truth_file_is_an_error_naming_the_file_and_line(string part, string damaged, int line, string reason)
    {
        Assert.Contains(part, SmallText);

        var e = Assert.Throws<TruthFileException>(() => TruthFile.Parse(SmallText.Replace(part, damaged), "kernel-lane/truth/6.1.txt"));

        Assert.Equal(("kernel-lane/truth/6.1.txt", line), (e.Path, e.Line));
        Assert.StartsWith($"kernel-lane/truth/6.1.txt:{line}: ", e.Message);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void A_missing_truth_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"primeprops-no-such-truth-{Guid.NewGuid():N}.txt");

        var e = Assert.Throws<TruthFileException>(() => TruthFile.Load(path));

        Assert.StartsWith($"{path}:0: cannot read", e.Message);
    }

    [Fact]
    public void The_canned_small_truth_replays_on_v6_1()
    {
        var truth = TruthFile.Parse(SmallText.Replace(". L0 X9", "0 L0"), "t.txt");

        Assert.Empty(Replay(truth, () => new V6_1()));
    }
}
