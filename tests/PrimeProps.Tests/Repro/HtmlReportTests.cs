using System.Diagnostics;
using System.Text.RegularExpressions;
using PrimeProps.Execution;
using PrimeProps.Protocols;
using PrimeProps.Repro;

namespace PrimeProps.Tests.Repro;

/// <summary>The HTML report, parsed and rendered by a real headless browser (Debian's chromium, which test.sh installs; test.sh --quick leaves these out).</summary>
[Trait("Category", "browser")]
public sealed class HtmlReportTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("primeprops-html-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static RunResult Row1 => Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new V3_6());

    [Fact]
    public void A_headless_browser_finds_the_lanes_the_calls_the_violation_and_the_objects()
    {
        var page = Path.Combine(dir, "row1.html");
        File.WriteAllText(page, HtmlReport.Render(Row1));

        var dom = Chromium("--dump-dom", $"file://{page}");

        Assert.Equal(4, Regex.Matches(dom, "<g class=\"lane\" data-thread=").Count);            // setup, T0, T1, exit
        Assert.Equal(5, Regex.Matches(dom, "<rect class=\"syscall\"").Count);                   // 3 setup calls, 2 in flight
        Assert.Contains("<line id=\"violation\"", dom);
        Assert.Contains("<g class=\"node\" data-id=\"dmabuf#1\">", dom);
        Assert.Contains("dmabuf#1 f_count 0", dom);
        Assert.Contains("GetOnZero (UseAfterFree) at step 35, thread T1", dom);
        Assert.Contains("schedule: T1*6 T0*3 T1", dom);
    }

    [Fact]
    public void A_headless_browser_renders_it_to_a_picture()
    {
        var page = Path.Combine(dir, "row1.html");
        var png = Path.Combine(dir, "row1.png");
        File.WriteAllText(page, HtmlReport.Render(Row1));

        Chromium($"--screenshot={png}", "--window-size=1100,700", $"file://{page}");

        var header = File.ReadAllBytes(png).Take(8).ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header); // a PNG
        Assert.True(new FileInfo(png).Length > 10_000, "the page rendered to an empty picture");
    }

    [Fact]
    public void A_clean_run_gets_a_page_without_a_violation_mark()
    {
        var html = HtmlReport.Render(Executor.Run(Corpus.Load("catalog", "row1-export-vs-last-fd-close.scn"), new Modern()));
        Assert.DoesNotContain("id=\"violation\"", html);
        Assert.Contains("clean: no oracle fired", html);
        Assert.Contains("Kernel objects at the end", html);
    }

    private string Chromium(params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "chromium is missing: test.sh installs it (apt-get install chromium)");
        var start = new ProcessStartInfo("/usr/bin/chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(dir, "profile")}", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var browser = Process.Start(start)!;
        var stdout = browser.StandardOutput.ReadToEndAsync();
        browser.StandardError.ReadToEndAsync();
        Assert.True(browser.WaitForExit(120_000), "chromium did not finish"); // a hang guard, not a timing assertion
        return stdout.Result;
    }
}
