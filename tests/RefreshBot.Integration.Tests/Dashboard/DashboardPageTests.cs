using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using static RefreshBot.Integration.Tests.Dashboard.DashboardSample;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>Over real HTTP against a real SQLite history: what the pages show, sorting and filtering, and hostile text encoded.</summary>
public sealed partial class DashboardPageTests : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync(TokenSettings, Fleet);
        await FillAsync(_server.History, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_fleet_table_shows_each_repository_with_its_status_lag_pull_requests_last_run_and_error()
    {
        var page = await PageAsync("/dashboard");

        Assert.Equal([Stale, Hostile, Failing, Fresh, NeverRun], Rows(page));
        var stale = Row(page, Stale);
        Assert.Contains("status-stale\">stale<", stale, StringComparison.Ordinal);
        Assert.Contains(">3 d 2 h<", stale, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/acme/stale-api/pull/7\" rel=\"noopener noreferrer\" title=\"Refresh base images: python:3.12-slim\">#7</a>", stale, StringComparison.Ordinal);
        Assert.Contains("<code>docker.io/library/python:3.12-slim</code>", stale, StringComparison.Ordinal);
        Assert.Contains("<code>api/Dockerfile</code>", stale, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/repositories/acme/stale-api\"", stale, StringComparison.Ordinal);

        var failing = Row(page, Failing);
        Assert.Contains("status-failing\">failing<", failing, StringComparison.Ordinal);
        Assert.Contains(FailingReason, failing, StringComparison.Ordinal);
        Assert.Contains("outcome-Failed\">failed<", failing, StringComparison.Ordinal);

        var fresh = Row(page, Fresh);
        Assert.Contains("status-fresh\">fresh<", fresh, StringComparison.Ordinal);
        Assert.Contains("<code>Dockerfile</code>", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain("pull/3", fresh, StringComparison.Ordinal);
        Assert.Contains("status-not-run\">not run<", Row(page, NeverRun), StringComparison.Ordinal);
        Assert.Contains("<li>5 repositories</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li>2 open refresh PRs</li>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sort=repository&dir=asc", new[] { Failing, Fresh, NeverRun, Stale, Hostile })]
    [InlineData("sort=repository&dir=desc", new[] { Hostile, Stale, NeverRun, Fresh, Failing })]
    [InlineData("sort=status", new[] { Failing, Stale, Hostile, NeverRun, Fresh })]
    [InlineData("sort=lag&dir=asc", new[] { Failing, Fresh, NeverRun, Hostile, Stale })]
    [InlineData("sort=lastrun", new[] { Failing, Fresh, Stale, Hostile, NeverRun })]
    [InlineData("status=failing", new[] { Failing })]
    [InlineData("status=stale&sort=repository&dir=asc", new[] { Stale, Hostile })]
    [InlineData("q=PYTHON", new[] { Stale })]
    [InlineData("q=503", new[] { Failing })]
    [InlineData("q=Dockerfile&status=fresh", new[] { Fresh })]
    [InlineData("q=nothing-matches", new string[0])]
    public async Task The_fleet_table_sorts_and_filters_by_the_query_string(string query, string[] expected)
    {
        var page = await PageAsync("/dashboard?" + query);

        Assert.Equal(expected, Rows(page));
        Assert.Contains($"{expected.Length} of 5 shown", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_header_links_to_its_sort_keeping_the_filter_and_toggles_the_direction_when_sorted()
    {
        var page = await PageAsync("/dashboard?q=acme&sort=repository&dir=asc");

        Assert.Contains("aria-sort=\"ascending\"><a href=\"/dashboard?q=acme&amp;sort=repository&amp;dir=desc\">Repository</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard?q=acme&amp;sort=lag&amp;dir=desc\">Freshness lag</a>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"acme\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_page_shows_its_references_pull_requests_and_recent_runs()
    {
        var page = await PageAsync("/dashboard/repositories/" + Fresh);

        Assert.Contains($"<h1 id=\"repository\">{Fresh}</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<td><code>docker.io/library/alpine</code></td><td>3.20</td><td>yes</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td><code>docker.io/library/node</code></td><td>22</td><td>yes</td>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/acme/fresh-app/pull/3\" rel=\"noopener noreferrer\">#3</a>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Refresh base images: node:22</td><td><code>refreshbot/base-images</code></td><td>merged</td>", page, StringComparison.Ordinal);
        var runs = Table(page, "runs");
        Assert.Equal(2, RunRow().Matches(runs).Count);
        Assert.Contains(">1 min<", runs, StringComparison.Ordinal);
        Assert.Contains(">3 min<", runs, StringComparison.Ordinal);
        Assert.DoesNotContain(Stale, page, StringComparison.Ordinal);

        var failing = await PageAsync("/dashboard/repositories/" + Failing);
        Assert.Contains($"Last error: {FailingReason}", failing, StringComparison.Ordinal);
        Assert.Contains("outcome-Failed\">failed</td><td class=\"reason\">" + FailingReason, failing, StringComparison.Ordinal);
        Assert.Contains("No refresh pull request recorded.", failing, StringComparison.Ordinal);

        var unknown = await _server.GetAsync("/dashboard/repositories/acme/unknown", Bearer());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task The_run_log_lists_recent_runs_of_the_fleet_and_filters_by_outcome()
    {
        var all = Table(await PageAsync("/dashboard/runs"), "runs");
        var failed = Table(await PageAsync("/dashboard/runs?outcome=failed"), "runs");

        Assert.Equal(6, RunRow().Matches(all).Count);
        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded", "succeeded", "succeeded"],
            Outcome().Matches(all).Select(m => m.Groups[1].Value));
        Assert.Single(RunRow().Matches(failed));
        Assert.Contains(FailingReason, failed, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/repositories/acme/broken-web\"", failed, StringComparison.Ordinal);
        Assert.Empty(RunRow().Matches(Table(await PageAsync("/dashboard/runs?outcome=interrupted"), "runs")));
    }

    [Fact]
    public async Task Hostile_names_titles_urls_and_reasons_are_encoded_never_markup()
    {
        var pages = new[]
        {
            await PageAsync("/dashboard"),
            await PageAsync("/dashboard?q=" + Uri.EscapeDataString("<img")),
            await PageAsync("/dashboard/runs"),
            await PageAsync("/dashboard/repositories/evil/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>")),
        };

        foreach (var page in pages)
        {
            Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; Refresh", pages[3], StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Dockerfile:3&lt;/b&gt;: soak &lt;i&gt;24 h&lt;/i&gt;", pages[3], StringComparison.Ordinal);
        Assert.Single(Rows(pages[1]));
    }

    private async Task<string> PageAsync(string path)
    {
        var (status, body, _) = await _server.GetAsync(path, Bearer());
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status}");
        return body;
    }

    private static AuthenticationHeaderValue Bearer() => new("Bearer", Token);

    /// <summary>The repositories of the fleet table's rows, in order.</summary>
    private static string[] Rows(string page) =>
        [.. FleetRow().Matches(Table(page, "fleet")).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string Row(string page, string repository) =>
        Table(page, "fleet").Split("<tr ").Single(r => r.StartsWith($"data-repository=\"{WebUtility.HtmlEncode(repository).Replace("&#39;", "&#x27;", StringComparison.Ordinal)}\"", StringComparison.Ordinal));

    private static string Table(string page, string id)
    {
        var start = page.IndexOf($"<table id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        return page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr data-repository=\"([^\"]*)\"")]
    private static partial Regex FleetRow();

    [GeneratedRegex("<tr data-outcome=")]
    private static partial Regex RunRow();

    [GeneratedRegex("<tr data-outcome=\"([a-z]+)\"")]
    private static partial Regex Outcome();
}
