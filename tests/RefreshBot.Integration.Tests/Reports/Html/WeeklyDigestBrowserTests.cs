using System.Collections.ObjectModel;
using OpenQA.Selenium;
using RefreshBot.Adapters.Reports;
using RefreshBot.Testing.Browser;
using RefreshBot.Testing.Reports;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Reports.Html;

/// <summary>
/// The rendered page in a real headless Chromium: it renders (title, figures visible), the charts are drawn with
/// the right number of points, it fits a phone (390×844, no horizontal page scroll) — screenshots kept under
/// <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class WeeklyDigestBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-digest-").FullName;

    [Theory]
    [InlineData("busy", 4, 4, 4, 4)]
    [InlineData("first", 1, 1, 1, 1)]
    [InlineData("errors", 0, 2, 2, 0)]
    [InlineData("empty", 0, 1, 1, 0)]
    [InlineData("hostile", 1, 1, 1, 1)]
    public void The_page_renders_on_a_phone_with_its_charts(string sample, int lagPoints, int prPoints, int exposurePoints, int bars)
    {
        var digest = WeeklyDigestHtmlTests.Sample(sample);
        var page = Path.Combine(_folder, $"digest-{sample}.html");
        File.WriteAllText(page, WeeklyDigestHtml.Render(digest));

        using var chromium = HeadlessChromium.Start(390, 844, mobile: true);
        chromium.Open(page);
        var driver = chromium.Driver;

        Assert.Equal("RefreshBot weekly digest — 2026-W48", driver.Title);
        Assert.True(driver.FindElement(By.TagName("h1")).Displayed);
        Assert.Equal(digest.Fleet.RepositoriesTracked.ToString(System.Globalization.CultureInfo.InvariantCulture), Visible(driver, "[data-figure=repositoriesTracked]"));
        Assert.Equal(Domain.Reports.Weekly.DigestPhrases.FullyFresh(digest.Fleet), Visible(driver, "[data-figure=fullyFresh]"));
        Assert.Equal(Domain.Reports.Weekly.DigestPhrases.Lag(digest.Fleet.MedianLag), Visible(driver, "[data-figure=medianLag]"));

        Assert.Equal(lagPoints, Markers(driver, "#chart-median-lag"));
        Assert.Equal(prPoints, Markers(driver, "#chart-open-prs"));
        Assert.Equal(exposurePoints, Markers(driver, "#chart-exposure"));
        var barCharts = driver.FindElements(By.CssSelector("#chart-base-images"));
        Assert.Equal(bars, barCharts.Count == 0 ? 0 : barCharts[0].FindElements(By.CssSelector($"rect[style*='fill:{DigestCharts.BarFill}']")).Count);
        foreach (var chart in driver.FindElements(By.CssSelector("figure.chart svg")))
        {
            Assert.True(chart.Size.Width is > 200 and <= 390, $"a chart is {chart.Size.Width}px wide on a 390px screen");
            Assert.True(chart.Size.Height > 50, "a chart has no height");
        }

        var scrollWidth = chromium.Script<long>("return document.documentElement.scrollWidth;");
        var clientWidth = chromium.Script<long>("return document.documentElement.clientWidth;");
        Assert.True(scrollWidth <= clientWidth, $"the page scrolls sideways on a phone: {scrollWidth}px of content in {clientWidth}px");
        Assert.Equal(390, clientWidth);

        var shot = TestArtifacts.Screenshot($"weekly-digest-{sample}-phone.png");
        chromium.SaveFullPageScreenshot(shot);
        var png = File.ReadAllBytes(shot);
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the screenshot is not a PNG");
        output.WriteLine($"screenshot: {shot}");
    }

    [Fact]
    public void Wide_tables_scroll_inside_their_box_on_a_phone()
    {
        var page = Path.Combine(_folder, "digest-busy.html");
        File.WriteAllText(page, WeeklyDigestHtml.Render(WeeklyDigestSamples.Busy));
        using var chromium = HeadlessChromium.Start(390, 844, mobile: true);
        chromium.Open(page);

        var box = chromium.Driver.FindElement(By.CssSelector("div.scroll:has(#repositories)"));
        var inner = chromium.Script<long>("return arguments[0].scrollWidth;", box);
        var outer = chromium.Script<long>("return arguments[0].clientWidth;", box);
        Assert.True(inner > outer, $"the repositories table ({inner}px) should be wider than its box ({outer}px) on a phone, and scroll there");
        Assert.Equal("auto", chromium.Script<string>("return getComputedStyle(arguments[0]).overflowX;", box));
        Assert.Contains("#12", chromium.Driver.FindElement(By.CssSelector("#repositories a[href='https://github.com/acme/api/pull/12']")).Text);

        using var desktop = HeadlessChromium.Start(1280, 900, mobile: false);
        desktop.Open(page);
        var shot = TestArtifacts.Screenshot("weekly-digest-busy-desktop.png");
        desktop.SaveFullPageScreenshot(shot);
        output.WriteLine($"screenshot: {shot}");
        Assert.True(new FileInfo(shot).Length > 1000);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Visible(IWebDriver driver, string selector)
    {
        var element = driver.FindElement(By.CssSelector(selector));
        Assert.True(element.Displayed, $"{selector} is not visible");
        return element.Text;
    }

    private static int Markers(IWebDriver driver, string chart)
    {
        var figure = driver.FindElement(By.CssSelector(chart));
        ReadOnlyCollection<IWebElement> ellipses = figure.FindElements(By.TagName("ellipse"));
        Assert.Equal(figure.GetAttribute("data-points"), ellipses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ellipses.Count;
    }
}
