using OpenQA.Selenium;
using RefreshBot.Testing.Browser;
using static RefreshBot.Integration.Tests.Dashboard.DashboardSample;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against a real SQLite history: log in through the form, the fleet table
/// loads with the data, a column header sorts, the filter narrows the rows, the repository page and the run log load,
/// hostile names show as text. Screenshots kept under <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync(TokenSettings, Fleet);
        await FillAsync(_server.History, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Log_in_then_sort_filter_and_browse_the_fleet()
    {
        using var chromium = HeadlessChromium.Start(1280, 900, mobile: false);
        var driver = chromium.Driver;

        // Not logged in: the login form, not the data.
        driver.Navigate().GoToUrl(new Uri(_server.BaseUri, "dashboard"));
        Assert.Empty(driver.FindElements(By.Id("fleet")));
        driver.FindElement(By.Id("token")).SendKeys("wrong");
        driver.FindElement(By.Id("login-submit")).Click();
        Eventually(() => driver.FindElements(By.Id("login-error")).Count == 1, "no login error shown");
        Assert.Equal("Wrong token.", driver.FindElement(By.Id("login-error")).Text);
        Shot(chromium, "dashboard-login-refused.png");

        driver.FindElement(By.Id("token")).SendKeys(Token);
        driver.FindElement(By.Id("login-submit")).Click();

        // The fleet table, longest lag first, with its data.
        AssertRows(driver, [Stale, Hostile, Failing, Fresh, NeverRun]);
        var stale = driver.FindElement(By.CssSelector($"tr[data-repository='{Stale}']"));
        Assert.Contains("3 d 2 h", stale.Text, StringComparison.Ordinal);
        Assert.Equal("https://github.com/acme/stale-api/pull/7", stale.FindElement(By.LinkText("#7")).GetAttribute("href"));
        Assert.Contains(FailingReason, driver.FindElement(By.CssSelector($"tr[data-repository='{Failing}']")).Text, StringComparison.Ordinal);
        Assert.Equal("stale", stale.FindElement(By.CssSelector(".status")).Text);
        Shot(chromium, "dashboard-fleet.png");

        // Hostile text is shown as text: no element was injected, the link text is the raw id.
        Assert.Empty(driver.FindElements(By.CssSelector("img, svg")));
        Assert.Equal(Hostile, driver.FindElement(By.CssSelector("#fleet tbody tr:nth-child(2) td:first-child a")).Text);
        Assert.Equal(0L, chromium.Script<long>("return document.querySelectorAll('script').length;"));

        // A header click sorts, a second click reverses.
        driver.FindElement(By.LinkText("Repository")).Click();
        AssertRows(driver, [Failing, Fresh, NeverRun, Stale, Hostile]);
        Assert.Equal("ascending", driver.FindElement(By.CssSelector("th[data-column=Repository]")).GetAttribute("aria-sort"));
        driver.FindElement(By.LinkText("Repository")).Click();
        AssertRows(driver, [Hostile, Stale, NeverRun, Fresh, Failing]);
        Shot(chromium, "dashboard-fleet-sorted.png");

        // The filter narrows the rows (text, then status), keeping the sort.
        driver.FindElement(By.Id("filter-text")).SendKeys("acme");
        driver.FindElement(By.Id("filter-apply")).Click();
        AssertRows(driver, [Stale, NeverRun, Fresh, Failing]);
        driver.FindElement(By.CssSelector("#filter-status option[value=failing]")).Click();
        driver.FindElement(By.Id("filter-apply")).Click();
        AssertRows(driver, [Failing]);
        Assert.Equal("1 of 5 shown", driver.FindElement(By.Id("shown")).Text);
        Shot(chromium, "dashboard-fleet-filtered.png");

        // The repository page.
        driver.FindElement(By.LinkText(Failing)).Click();
        Eventually(() => driver.FindElements(By.Id("repository")).Count == 1, "the repository page did not load");
        Assert.Equal(Failing, driver.FindElement(By.Id("repository")).Text);
        Assert.Contains(FailingReason, driver.FindElement(By.Id("last-error")).Text, StringComparison.Ordinal);
        Assert.Equal(2, driver.FindElements(By.CssSelector("#runs tbody tr")).Count);
        Assert.Contains("ghcr.io/acme/base", driver.FindElement(By.Id("references")).Text, StringComparison.Ordinal);
        Shot(chromium, "dashboard-repository.png");

        driver.Navigate().GoToUrl(new Uri(_server.BaseUri, "dashboard/repositories/" + Stale));
        Assert.Contains("Refresh base images: python:3.12-slim", driver.FindElement(By.Id("proposals")).Text, StringComparison.Ordinal);

        // The run log, all then only failures.
        driver.FindElement(By.LinkText("Run log")).Click();
        Eventually(() => driver.Url.EndsWith("/dashboard/runs", StringComparison.Ordinal), "the run log did not load");
        Assert.Equal(6, driver.FindElements(By.CssSelector("#runs tbody tr")).Count);
        driver.FindElement(By.CssSelector("#filter-outcome option[value=failed]")).Click();
        driver.FindElement(By.Id("filter-apply")).Click();
        Eventually(() => driver.Url.Contains("outcome=failed", StringComparison.Ordinal), "the run log filter was not applied");
        var failed = Assert.Single(driver.FindElements(By.CssSelector("#runs tbody tr")));
        Assert.Contains(FailingReason, failed.Text, StringComparison.Ordinal);
        Shot(chromium, "dashboard-run-log.png");

        // Log out: the pages are closed again.
        driver.FindElement(By.CssSelector("header form button")).Click();
        Eventually(() => driver.FindElements(By.Id("token")).Count == 1, "logging out did not lead to the login form");
        driver.Navigate().GoToUrl(new Uri(_server.BaseUri, "dashboard"));
        Assert.Empty(driver.FindElements(By.Id("fleet")));
        Assert.NotEmpty(driver.FindElements(By.Id("token")));
    }

    /// <summary>Waits (generously) for a navigation the click started to land.</summary>
    private static void Eventually(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            Thread.Sleep(50);
        }
    }

    /// <summary>The fleet table shows <paramref name="expected"/> in this order (once the page a click asked for has loaded).</summary>
    private static void AssertRows(IWebDriver driver, string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Repositories(driver).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Equal(expected, Repositories(driver));
    }

    /// <summary>The fleet table's rows (none while a page is being replaced).</summary>
    private static string[] Repositories(IWebDriver driver)
    {
        try
        {
            return [.. driver.FindElements(By.CssSelector("#fleet tbody tr[data-repository]")).Select(r => r.GetAttribute("data-repository")!)];
        }
        catch (Exception e) when (e is StaleElementReferenceException || (e is WebDriverException && e.Message.Contains("does not belong to the document", StringComparison.Ordinal)))
        {
            // Chromium reports a row of the page being replaced either way.
            return [];
        }
    }

    private static void Shot(HeadlessChromium chromium, string name)
    {
        var file = TestArtifacts.Screenshot(name);
        chromium.SaveFullPageScreenshot(file);
        var png = File.ReadAllBytes(file);
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{name} is not a PNG");
    }
}
