using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Platforms;
using static RefreshBot.Integration.Tests.Dashboard.DashboardSample;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>
/// Repositories whose id would make an empty path segment — a local path (<c>/srv/…</c>) or a git URL
/// (<c>https://…</c>) — get a page too: their link carries the id in the query.
/// </summary>
public sealed partial class DashboardLocalIdTests
{
    [Theory]
    [InlineData("/srv/checkouts/tools")]
    [InlineData("https://git.example/team/app.git")]
    public async Task A_repository_with_a_path_or_URL_id_links_to_its_own_page(string id)
    {
        var repository = new TrackedRepository(
            id, new RepositoryLocation.Local(id), null, [], new Dictionary<string, string>(), [Platform.LinuxAmd64],
            UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);
        await using var server = await DashboardServer.StartAsync(TokenSettings, [repository]);
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        var run = await server.History.RunStartedAsync(id, started, default);
        await server.History.RunFinishedAsync(run, started.AddMinutes(1), RunOutcome.Failed, "git error (network): unreachable", default);
        await server.History.RecordDockerfilesAsync(id, ["build/Dockerfile"], started, default);

        var (status, fleet, _) = await server.GetAsync("/dashboard", new AuthenticationHeaderValue("Bearer", Token));
        Assert.Equal(HttpStatusCode.OK, status);
        var link = WebUtility.HtmlDecode(Assert.Single(Links().Matches(fleet).Select(m => m.Groups[1].Value)));
        Assert.Equal("/dashboard/repositories?id=" + Uri.EscapeDataString(id), link);

        var (pageStatus, page, _) = await server.GetAsync(link, new AuthenticationHeaderValue("Bearer", Token));
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Contains(WebUtility.HtmlEncode(id), page, StringComparison.Ordinal);
        Assert.Contains("git error (network): unreachable", page, StringComparison.Ordinal);
        Assert.Contains("build/Dockerfile", fleet, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"(/dashboard/repositories[^\"]*)\"")]
    private static partial Regex Links();
}
