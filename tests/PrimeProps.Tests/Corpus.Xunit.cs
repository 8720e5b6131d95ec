using PrimeProps.Protocols;

namespace PrimeProps.Tests;

// Test-only helpers over the corpus files; apart from Corpus.cs because they use xunit.
internal static partial class Corpus
{
    /// <summary>Every file of a corpus folder with every registered protocol, as theory data.</summary>
    public static TheoryData<string, string> FilesAndProtocols(string sub)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Files(sub))
            foreach (var protocol in ProtocolRegistry.Names)
                data.Add(file, protocol);
        return data;
    }

    /// <summary>The outcome a corpus file states for a protocol; fails the test if it states none.</summary>
    public static string ExpectedOutcome(string sub, string file, string protocol)
    {
        var expected = Expectations(PathOf(sub, file));
        Assert.True(expected.ContainsKey(protocol), $"{file} states no outcome for {protocol}");
        return expected[protocol];
    }
}
