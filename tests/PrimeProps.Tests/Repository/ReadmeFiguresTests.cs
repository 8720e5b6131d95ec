using System.Text.RegularExpressions;

namespace PrimeProps.Tests.Repository;

/// <summary>
/// Every measured figure in the README comes from a results file. The convention: a figure is
/// written as a link to the bench/results file it is quoted from, its text verbatim from that
/// file, e.g. <c>[184,847](bench/results/throughput.md) steps/s</c>; a number with a unit of
/// time or rate outside such a link is a figure without a source.
/// </summary>
public partial class ReadmeFiguresTests
{
    private static readonly string Root = RepositoryRoot.Require();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [GeneratedRegex(@"\[([^\]]+)\]\((bench/results/[^)]+)\)")]
    private static partial Regex ResultsLink();

    // A number followed by a unit that only a measurement has.
    [GeneratedRegex(@"\b\d[\d,.]*\s*(?:M\s)?(?:steps/s|execs/s|runs/s|ms|µs|ns/step|x faster|x less time)\b")]
    private static partial Regex MeasuredFigure();

    [Fact]
    public void Every_results_link_names_a_file_that_holds_the_figure_verbatim()
    {
        var links = ResultsLink().Matches(Readme);
        Assert.True(links.Count >= 10, "the README quotes its figures as links to bench/results files");
        foreach (Match link in links)
        {
            var path = Path.Combine(Root, link.Groups[2].Value);
            Assert.True(File.Exists(path), $"README links {link.Groups[2].Value}, which does not exist");
            var figure = link.Groups[1].Value;
            if (figure.Any(char.IsAsciiDigit))
                Assert.True(File.ReadAllText(path).Contains(figure, StringComparison.Ordinal), $"README quotes '{figure}' from {link.Groups[2].Value}, which does not hold it");
        }
    }

    [Fact]
    public void No_measured_figure_stands_outside_a_results_link()
    {
        var outside = ResultsLink().Replace(Readme, "LINK");
        var unsourced = MeasuredFigure().Matches(outside).Select(m => m.Value).ToList();
        Assert.True(unsourced.Count == 0, "figures in the README without a results file: " + string.Join(", ", unsourced));
    }
}
