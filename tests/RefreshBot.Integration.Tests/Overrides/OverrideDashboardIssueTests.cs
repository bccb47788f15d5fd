using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Integration.Tests.Overrides;

/// <summary>A repository's own settings file can turn its dashboard issue on when <c>overrides.allow</c> names
/// <c>dashboardIssue</c> (not in the default list).</summary>
public sealed class OverrideDashboardIssueTests : IAsyncLifetime
{
    private readonly OverridesWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task An_allowed_dashboardIssue_in_the_file_turns_the_dashboard_issue_on()
    {
        _world.OverridesSection = "  allow: [grouping, dashboardIssue, dashboardIssueTitle]";
        await _world.CommitAsync(".github/refreshbot.yml", "dashboardIssue: true\ndashboardIssueTitle: \"Our base images\"\n");

        var outcome = await _world.RunAsync();

        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        Assert.Empty(outcome.Notices);
        var issue = Assert.Single(_world.World.GitHub.Issues("team", "app"));
        Assert.Equal("Our base images", issue.Title);
        Assert.StartsWith("<!-- refreshbot:dashboard -->\n", issue.Body);
        Assert.Contains(Assert.Single(_world.World.Pulls).Number.ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Body);
    }

    [Fact]
    public async Task By_default_the_file_cannot_turn_the_dashboard_issue_on()
    {
        await _world.CommitAsync(".github/refreshbot.yml", "labels: [base-images]\ndashboardIssue: true\n");

        var outcome = await _world.RunAsync();

        Assert.Equal([".github/refreshbot.yml:2:1: 'dashboardIssue' is not allowed by the fleet config (overrides.allow); ignored"], outcome.Notices);
        Assert.Empty(_world.World.GitHub.Issues("team", "app"));
        Assert.Equal(["base-images"], Assert.Single(_world.World.Pulls).Labels);
    }
}
