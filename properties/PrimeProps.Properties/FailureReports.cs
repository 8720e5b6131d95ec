using PrimeProps.Execution;
using PrimeProps.Kernel;

namespace PrimeProps.Properties;

/// <summary>These tests change the working directory and the environment: they run alone.</summary>
[CollectionDefinition(nameof(ProcessWideState), DisableParallelization = true)]
public class ProcessWideState;

/// <summary>
/// A failing property tells how to get the failure back: the violation, the shrunk scenario and
/// the command that replays it; with PRIMEPROPS_SAVE_REGRESSIONS=1 also a file in the corpus.
/// </summary>
[Collection(nameof(ProcessWideState))]
public class FailureReports
{
    private const ulong Seed = 20120723;

    [Fact]
    public void A_built_in_protocols_failure_shows_the_scenario_and_the_command_line_that_replays_it()
    {
        var labels = FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<V3_6>(), PrimeCheck.Holds<V3_6>), 100, Seed).Labels;

        Assert.Contains("replay: primeprops replay repro.scn --protocol v3.6", labels);
        Assert.Matches(@"# expect v3\.6: \w+\r?\nprimeprops-scenario 1\r?\nprotocol v3\.6\r?\ndevice d0", labels);
    }

    [Fact]
    public void A_user_protocols_failure_replays_from_csharp()
    {
        var labels = FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<Seed2012WithFlinkFix>(), PrimeCheck.Holds<Seed2012WithFlinkFix>), 100, Seed).Labels;

        Assert.Contains("replay: Executor.Run(ScenarioParser.ParseFile(\"repro.scn\"), new Seed2012WithFlinkFix())", labels);
        Assert.Contains("# expect seed-2012+flink-fix: ", labels);
    }

    [Fact]
    public void The_shrunk_repro_is_saved_in_the_corpus_only_when_asked()
    {
        var root = Directory.CreateTempSubdirectory("primeprops-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "fuzz-corpus"));
        var regressions = Path.Combine(root, "fuzz-corpus", "regressions");
        var workingDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = root;
            SearchGetOnZero();
            Assert.False(Directory.Exists(regressions));

            Environment.SetEnvironmentVariable(RegressionCorpus.SaveVariable, "1");
            var shrunk = SearchGetOnZero().Shrunk!;

            var saved = Assert.Single(Directory.GetFiles(regressions)); // written under a temporary name, then renamed
            Assert.Equal("v3.6-GetOnZero.scn", Path.GetFileName(saved));
            Assert.Equal(ScenarioPrinter.Print(shrunk), ScenarioPrinter.Print(ScenarioParser.ParseFile(saved)));
            Assert.Equal("GetOnZero", RegressionCorpus.Expectations(saved)["v3.6"]);
            Assert.Equal(OracleKind.GetOnZero, Executor.Run(ScenarioParser.ParseFile(saved), new V3_6()).Violation?.Oracle);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RegressionCorpus.SaveVariable, null);
            Environment.CurrentDirectory = workingDirectory;
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Outside_this_repository_a_saved_repro_goes_to_the_users_project_never_to_bin()
    {
        var root = Directory.CreateTempSubdirectory("primeprops-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin", "Debug", "net10.0")).FullName; // where dotnet test runs
        var workingDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = bin;
            Environment.SetEnvironmentVariable(RegressionCorpus.SaveVariable, "1");
            var nowhere = FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<V3_6>(), s => PrimeCheck.Avoids<V3_6>(s, OracleKind.GetOnZero)), 10_000, Seed);
            Assert.Contains("not saved: no project folder (fuzz-corpus/, .git or a .sln) above", nowhere.Labels);
            Assert.Empty(Directory.GetFiles(root, "*.scn", SearchOption.AllDirectories));

            Directory.CreateDirectory(Path.Combine(root, ".git"));
            SearchGetOnZero();
            var saved = Assert.Single(Directory.GetFiles(root, "*.scn", SearchOption.AllDirectories));
            Assert.Equal(Path.Combine(root, "fuzz-corpus", "regressions", "v3.6-GetOnZero.scn"), saved);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RegressionCorpus.SaveVariable, null);
            Environment.CurrentDirectory = workingDirectory;
            Directory.Delete(root, recursive: true);
        }
    }

    private static SearchOutcome SearchGetOnZero()
        => FsCheckSearch.Run(Prop.ForAll(ScenarioArbitrary.For<V3_6>(), s => PrimeCheck.Avoids<V3_6>(s, OracleKind.GetOnZero)), 10_000, Seed);
}
