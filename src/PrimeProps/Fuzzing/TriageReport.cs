using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Oracles;

namespace PrimeProps.Fuzzing;

/// <summary>One input the fuzzer saved as a crash; <see cref="Source"/> says where it came from (its path).</summary>
public sealed record CrashInput(string Source, byte[] Bytes);

/// <summary>A distinct bug: the minimal repro, and every crash input that led to it.</summary>
public sealed record TriagedFinding(RunResult Shrunk, IReadOnlyList<string> Sources, int ShrinkRuns)
{
    public Violation Violation => Shrunk.Violation!;

    /// <summary>What makes two findings the same bug: the oracle and the kernel function.</summary>
    public FindingIdentity Key => FindingIdentity.Of(Violation);

    /// <summary>"v3.6-GetOnZero-get_file-get_dma_buf": the repro's file name, without ".scn".</summary>
    public string FileStem => $"{Shrunk.Protocol}-{Key.FileStem}";
}

/// <summary>An input on which the harness itself failed: a bug in the codec, executor or model.</summary>
public sealed record HarnessBug(string Source, string Message);

/// <summary>
/// What a campaign's crash inputs came to. <see cref="NotReproduced"/> lists inputs that ran
/// clean when replayed: AFL++ saw them crash for another reason (out of memory, a signal), so
/// they are worth a look by hand with the harness.
/// </summary>
public sealed record TriageReport(IReadOnlyList<TriagedFinding> Findings, IReadOnlyList<HarnessBug> HarnessBugs, IReadOnlyList<string> NotReproduced)
{
    public bool FoundAnything => Findings.Count > 0 || HarnessBugs.Count > 0 || NotReproduced.Count > 0;
}
