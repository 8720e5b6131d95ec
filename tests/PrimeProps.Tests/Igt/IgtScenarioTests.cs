namespace PrimeProps.Tests.Igt;

/// <summary>
/// The IGT prime_self_import subtests and prime_mmap@test_errors (igt-gpu-tools
/// tests/prime_self_import.c and tests/prime_mmap.c) as scenario files in fuzz-corpus/igt/, one per subtest. Each file states its outcome
/// per protocol ("# expect") and, as "# assert" lines, the return values the IGT test checks.
/// </summary>
public class IgtScenarioTests
{
    private const string Igt = "igt";

    public static TheoryData<string, string> FilesAndProtocols() => Corpus.FilesAndProtocols(Igt);

    [Theory]
    [MemberData(nameof(FilesAndProtocols))]
    public void Each_igt_scenario_has_its_stated_outcome(string file, string protocol)
    {
        var expected = Corpus.ExpectedOutcome(Igt, file, protocol);

        var run = TestScenarios.Run(protocol, Corpus.Load(Igt, file));

        Assert.Equal(expected, Corpus.Outcome(run));
    }

    [Theory]
    [MemberData(nameof(FilesAndProtocols))]
    public void Each_igt_scenario_returns_what_its_asserts_state(string file, string protocol)
    {
        var scenario = Corpus.Load(Igt, file);
        // Every line is parsed and bound, also those naming other protocols: a typo fails everywhere.
        var asserts = AssertLine.ReadAll(Corpus.PathOf(Igt, file), scenario);

        var run = TestScenarios.Run(protocol, scenario);

        var failures = asserts.Where(a => a.Names(protocol)).Select(a => a.Check(run)).OfType<string>().ToList();
        if (failures.Count > 0)
            Assert.Fail(string.Join("\n", failures));
    }

    [Theory]
    [InlineData("prime_self_import@basic-with_one_bo")]
    [InlineData("prime_self_import@basic-with_one_bo_two_files")]
    [InlineData("prime_self_import@basic-with_two_bos")]
    [InlineData("prime_self_import@basic-with_fd_dup")]
    [InlineData("prime_self_import@export-vs-gem_close-race")]
    [InlineData("prime_self_import@reimport-vs-gem_close-race")]
    [InlineData("prime_mmap@test_errors")]
    public void Every_subtest_the_notes_name_has_a_scenario(string subtest)
    {
        Assert.Contains(subtest + ".scn", Corpus.Files(Igt));
    }

    // An IGT test checks something; a file without asserts has lost what it observes.
    [Fact]
    public void Every_igt_scenario_states_what_the_igt_test_asserts()
    {
        foreach (var file in Corpus.Files(Igt))
            Assert.True(AssertLine.ReadAll(Corpus.PathOf(Igt, file), Corpus.Load(Igt, file)).Count > 0, $"{file} has no '# assert' line");
    }
}
