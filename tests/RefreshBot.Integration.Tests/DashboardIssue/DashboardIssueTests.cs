using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Integration.Tests.DashboardIssue;

/// <summary>
/// End to end (real registry, git server, fake GitHub validated against GitHub's OpenAPI): the per-repository dashboard
/// issue is created once, edited only when its content changes, left closed when a person closed it, and closed with a
/// comment when the option is turned off.
/// </summary>
public sealed class DashboardIssueTests : IAsyncLifetime
{
    private readonly DashboardWorld _dashboard = new();

    private Testing.GitHub.FakeGitHub GitHub => _dashboard.World.GitHub;

    public Task InitializeAsync() => _dashboard.InitializeAsync();

    public Task DisposeAsync() => _dashboard.DisposeAsync();

    [Fact]
    public async Task The_issue_is_created_once_with_every_section_and_a_run_with_nothing_new_does_not_edit_it()
    {
        var first = await _dashboard.RunAsync();

        Assert.Equal(RepositoryStatus.Succeeded, first.Repositories[0].Status);
        var pull = Assert.Single(_dashboard.World.Pulls);
        var issue = Assert.Single(_dashboard.Issues);
        Assert.Equal("Base images: dashboard", issue.Title);
        Assert.Equal("refreshbot", issue.User);
        Assert.Equal(["refreshbot", "dashboard"], issue.Labels);
        Assert.StartsWith("<!-- refreshbot:dashboard -->\n", issue.Body);
        var body = issue.Body!;
        Assert.True(
            Index(body, "## Pending") < Index(body, "## Open") && Index(body, "## Open") < Index(body, "## Ignored / closed by you")
            && Index(body, "## Ignored / closed by you") < Index(body, "## Failed") && Index(body, "## Failed") < Index(body, "<sub>Last updated "),
            body);
        Assert.Contains("Nothing pending.", body);
        Assert.Matches($@"\n- \[\\\#{pull.Number}\]\(http://[^)\s]+/team/app/pull/{pull.Number}\) Refresh base images", body);
        Assert.Contains("`refreshbot/base-images`", body);
        Assert.Contains("Nothing: no update was turned down.", body);
        Assert.Contains("Nothing failed in the last run.", body);

        GitHub.ResetRequests();
        _dashboard.Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await _dashboard.RunAsync();

        Assert.Equal("unchanged", Assert.Single(second.Repositories[0].Groups).Action);
        Assert.Equal(0, _dashboard.World.Writes);
        Assert.Equal(body, Assert.Single(_dashboard.Issues).Body);
        Assert.DoesNotContain(_dashboard.Issues[0].Events, e => e.Event == "edited");
        Assert.Contains(GitHub.Requests, r => r.Method == "GET" && r.Path.EndsWith("/team/app/issues", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_soaking_digest_updates_the_body_and_a_person_closing_it_means_it_is_not_recreated()
    {
        _dashboard.World.Soak = "24h";
        var start = _dashboard.Clock.GetUtcNow();
        await _dashboard.RunAsync();
        var issue = Assert.Single(_dashboard.Issues);
        Assert.Empty(_dashboard.World.Pulls);
        var until = (start + TimeSpan.FromHours(24)).ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"soaking until {until} UTC |", issue.Body);
        Assert.Contains($"| `Dockerfile:2` | `{_dashboard.World.Image}:1@{_dashboard.World.Old}` |", issue.Body);
        Assert.Contains("No open pull requests.", issue.Body);

        // Nothing new an hour later (the soak time is absolute): no edit.
        GitHub.ResetRequests();
        _dashboard.Clock.Advance(TimeSpan.FromHours(1));
        await _dashboard.RunAsync();
        Assert.Equal(0, _dashboard.IssueWrites(issue.Number));
        var unchanged = Assert.Single(_dashboard.Issues).Body;

        // The tag moves: the newer digest soaks from now, so the body changes once.
        await _dashboard.World.MoveTagAsync();
        _dashboard.Clock.Advance(TimeSpan.FromHours(2));
        var moved = _dashboard.Clock.GetUtcNow();
        await _dashboard.RunAsync();
        var updated = Assert.Single(_dashboard.Issues);
        Assert.NotEqual(unchanged, updated.Body);
        var later = (moved + TimeSpan.FromHours(24)).ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"soaking until {later} UTC", updated.Body);
        Assert.Single(updated.Events, e => e.Event == "edited");

        // A person closes it: it stays closed and no other is opened, whatever changes.
        GitHub.CloseIssue(updated);
        await _dashboard.World.MoveTagAsync();
        _dashboard.Clock.Advance(TimeSpan.FromHours(1));
        GitHub.ResetRequests();
        await _dashboard.RunAsync();

        var closed = Assert.Single(_dashboard.Issues);
        Assert.False(closed.IsOpen);
        Assert.Equal(updated.Body, closed.Body);
        Assert.Equal(0, _dashboard.IssueWrites(closed.Number));
    }

    [Fact]
    public async Task Turning_the_option_off_closes_the_issue_with_a_comment_once_and_on_again_reopens_it()
    {
        await _dashboard.RunAsync();
        var issue = Assert.Single(_dashboard.Issues);

        _dashboard.Dashboard = false;
        await _dashboard.RunAsync();

        var closed = Assert.Single(_dashboard.Issues);
        Assert.False(closed.IsOpen);
        Assert.Equal("completed", closed.StateReason);
        Assert.Contains("dashboardIssue: false", Assert.Single(closed.Comments).Body);
        Assert.Contains("<!-- refreshbot:dashboard-off -->", closed.Body);

        GitHub.ResetRequests();
        await _dashboard.RunAsync();
        Assert.Equal(0, _dashboard.IssueWrites(issue.Number));
        Assert.Single(Assert.Single(_dashboard.Issues).Comments);

        _dashboard.Dashboard = true;
        await _dashboard.RunAsync();
        var reopened = Assert.Single(_dashboard.Issues);
        Assert.True(reopened.IsOpen);
        Assert.Equal(issue.Number, reopened.Number);
        Assert.DoesNotContain("<!-- refreshbot:dashboard-off -->", reopened.Body);
        Assert.Contains("## Open", reopened.Body);
    }

    [Fact]
    public async Task A_digest_a_person_closed_is_listed_as_turned_down()
    {
        await _dashboard.RunAsync();
        var pull = Assert.Single(_dashboard.World.Pulls);
        GitHub.ClosePullRequest(pull);

        var report = await _dashboard.RunAsync();

        Assert.Equal("skipped-closed", Assert.Single(report.Repositories[0].Groups).Action);
        var body = Assert.Single(_dashboard.Issues).Body!;
        var declined = body[Index(body, "## Ignored / closed by you")..Index(body, "## Failed")];
        Assert.Contains($"| `Dockerfile` | `{_dashboard.World.Image}:1` | `{_dashboard.World.Current}` | [\\#{pull.Number}](", declined);
        Assert.Contains($"/team/app/pull/{pull.Number}) |", declined);
        Assert.Contains("No open pull requests.", body);
    }

    private static int Index(string body, string heading)
    {
        var at = body.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no '{heading}' in:\n{body}");
        return at;
    }
}
