using System.Text.RegularExpressions;

namespace RefreshBot.Integration.Tests.DashboardIssue;

/// <summary>The dashboard's Failed section with hostile names and reasons (escaped) and a registry error.</summary>
public sealed partial class DashboardIssueTextTests : IAsyncLifetime
{
    private readonly DashboardWorld _dashboard = new();

    public Task InitializeAsync() => _dashboard.InitializeAsync();

    public Task DisposeAsync() => _dashboard.DisposeAsync();

    [Fact]
    public async Task A_hostile_Dockerfile_path_and_reason_are_escaped_and_a_registry_error_is_listed_as_failed()
    {
        var world = _dashboard.World;
        const string hostile = "Dockerfile.<img src=x onerror=alert(1)>|`x`";
        await world.Repo.Git.CommitAsync("main", new Dictionary<string, string>
        {
            [hostile] = $"FROM {world.Image}:1@{world.Old}\n<script>alert(1)</script>\n",
        }, "hostile names");

        var report = await _dashboard.RunAsync();

        var body = Assert.Single(_dashboard.Issues).Body!;
        var failed = body[body.IndexOf("## Failed", StringComparison.Ordinal)..];
        Assert.Contains("- ``Dockerfile.<img src=x onerror=alert(1)>\\|`x`:2``: unknown instruction: \\<script\\>alert(1)\\</script\\>\n", failed);
        Assert.Equal(Application.Refresh.Reporting.RepositoryStatus.Succeeded, report.Repositories[0].Status);
        var outsideCode = CodeSpan().Replace(body, "");
        Assert.DoesNotMatch(@"(?i)(?<!\\)<(img|script|/script)", outsideCode);
        Assert.All(body.Split('\n').Where(l => l.StartsWith('|')), row => Assert.EndsWith("|", row));

        // An image the registry does not know fails the whole run: the dashboard says why, and that pending is unknown.
        await world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["svc/Dockerfile"] = $"FROM {world.Registry.Host}/team/missing:1\n" }, "missing image");
        var broken = await _dashboard.RunAsync();

        Assert.Equal(Application.Refresh.Reporting.RepositoryStatus.Failed, broken.Repositories[0].Status);
        var after = Assert.Single(_dashboard.Issues).Body!;
        Assert.Contains("Not known: this run failed before it could tell (see Failed).", after);
        var failedNow = after[after.IndexOf("## Failed", StringComparison.Ordinal)..];
        Assert.Contains("- the run failed: registry error", failedNow);
        Assert.Contains("team/missing", failedNow);
    }

    [GeneratedRegex("(`+).*?\\1", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

}
