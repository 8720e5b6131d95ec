using System.CommandLine;
using PrimeProps.Cli.Fuzzing;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using PrimeProps.Repro;
using PrimeProps.Scenarios;

namespace PrimeProps.Cli.Commands;

/// <summary>primeprops fuzz-seeds: (re)writes fuzz-corpus/seeds/PROTOCOL/ from the catalog and the generator, and fuzz-corpus/choices/PROTOCOL/ from the generator's tapes (<see cref="SeedCorpus"/>).</summary>
internal static class FuzzSeedsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var protocols = ProtocolOption.Create("Protocol to write seeds for; repeat for several; default: every built-in one");
        var command = new Command("fuzz-seeds", "Write the fuzzing seeds, each running clean on its protocol: for --input bytes the catalog scenarios and a few generated ones, encoded (fuzz-corpus/seeds); for --input choices the generator's tapes of a few scenarios (fuzz-corpus/choices)")
        {
            protocols,
        };
        command.SetAction(parsed =>
        {
            var names = parsed.GetValue(protocols) is { Length: > 0 } given ? given : ProtocolRegistry.Names.ToArray();
            var repo = RepoLayout.Find();
            var catalog = Directory.GetFiles(repo.Catalog, "*.scn").Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileNameWithoutExtension(f), ScenarioParser.ParseFile(f))).ToList();
            foreach (var (name, input) in names.SelectMany(n => new[] { (n, FuzzInput.Bytes), (n, FuzzInput.Choices) }))
            {
                var dir = repo.Seeds(name, input);
                var protocol = ProtocolOption.Resolve(name);
                var seeds = input == FuzzInput.Choices ? SeedCorpus.ForChoices(protocol) : SeedCorpus.For(protocol, catalog);
                foreach (var seed in seeds)
                    ReproFile.WriteAtomically(Path.Combine(dir, seed.Name + SeedCorpus.Extension), seed.Bytes, createFolder: true);
                // The folder is this command's: a seed it no longer writes (a catalog scenario
                // that now fails, a generated one the generator no longer gives) goes.
                var stale = Directory.GetFiles(dir, "*" + SeedCorpus.Extension)
                    .Where(f => !seeds.Any(s => s.Name == Path.GetFileNameWithoutExtension(f))).Order(StringComparer.Ordinal).ToList();
                foreach (var file in stale)
                    File.Delete(file);
                stdout.WriteLine($"{name} ({input.ToString().ToLowerInvariant()}): {seeds.Count} seeds in {RepoLayout.Show(dir)}: {string.Join(", ", seeds.Select(s => s.Name))}"
                                 + (stale.Count > 0 ? $"; removed {string.Join(", ", stale.Select(Path.GetFileNameWithoutExtension))}" : ""));
            }
            return Program.Clean;
        });
        return command;
    }
}
