using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>End to end: outages and rate limits fail one repository, never the fleet, and never make duplicates.</summary>
public sealed class FailureTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = _world.Dockerfile(_world.Old) });
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Theory]
    [InlineData("5xx")]
    [InlineData("rate-limit")]
    [InlineData("secondary-rate-limit")]
    public async Task Failure_on_create_fails_that_repository_only_and_the_next_run_converges_without_duplicates(string fault)
    {
        switch (fault)
        {
            case "5xx": _world.GitHub.Faults.ServerError(count: 4, status: 502, method: "POST", pathContains: "team/app/pulls"); break;
            case "rate-limit": _world.GitHub.Faults.PrimaryRateLimit(TimeSpan.FromMinutes(30), method: "POST", pathContains: "team/app/pulls"); break;
            default: _world.GitHub.Faults.SecondaryRateLimit(TimeSpan.FromMinutes(2), status: 429, method: "POST", pathContains: "team/app/pulls"); break;
        }

        var first = await _world.RunAsync(false, "team/app", "team/other");

        var app = first.Repositories.Single(r => r.Repository == "team/app");
        var other = first.Repositories.Single(r => r.Repository == "team/other");
        Assert.Equal(RepositoryStatus.Failed, app.Status);
        Assert.True(app.Reason!.Contains(fault == "5xx" ? "transient" : "rate limit", StringComparison.Ordinal), app.Reason);
        Assert.Equal(RepositoryStatus.Succeeded, other.Status);
        Assert.Single(_world.GitHub.PullRequests("team", "other"));
        Assert.Empty(_world.Pulls);
        Assert.True(await _world.Repo.Git.HeadAsync("refreshbot/base-images") is not null, app.Reason);

        _world.GitHub.Faults.Clear();
        var second = await _world.RunAsync(false, "team/app", "team/other");
        var third = await _world.RunAsync(false, "team/app", "team/other");

        Assert.All(second.Repositories, r => Assert.Equal(RepositoryStatus.Succeeded, r.Status));
        Assert.Equal("create", second.Repositories.Single(r => r.Repository == "team/app").Groups.Single().Action);
        Assert.All(third.Repositories, r => Assert.Equal("unchanged", r.Groups.Single().Action));
        Assert.Single(_world.Pulls);
        Assert.Single(_world.GitHub.PullRequests("team", "other"));
    }

    [Fact]
    public async Task A_pull_request_the_listing_missed_is_adopted_on_422_and_updated_not_duplicated()
    {
        await _world.RunAsync(false, "team/app");
        var newer = await _world.MoveTagAsync();
        // A stale listing (a replica lagging behind): the bot believes there is no pull request and creates one.
        _world.GitHub.Faults.ServeBody(200, new System.Text.Json.Nodes.JsonArray(), method: "GET", pathContains: "team/app/pulls");
        _world.GitHub.ResetRequests();

        var report = await _world.RunAsync(false, "team/app");

        Assert.Equal(RepositoryStatus.Succeeded, report.Repositories[0].Status);
        Assert.Contains(_world.GitHub.Requests, r => r is { Method: "POST", Status: 422 });
        var pull = Assert.Single(_world.Pulls);
        Assert.Contains(newer.Encoded[..12], pull.Body);
        Assert.Equal("unchanged", (await _world.RunAsync(false, "team/app")).Repositories[0].Groups.Single().Action);
    }

    [Fact]
    public async Task Two_repositories_using_the_same_tag_cost_one_HEAD_of_it_for_the_whole_cycle()
    {
        _world.Registry.Proxy.ResetCounts();

        var report = await _world.RunAsync(false, "team/app", "team/other");

        Assert.All(report.Repositories, r => Assert.Equal("create", r.Groups.Single().Action));
        Assert.Equal(1, _world.Registry.Proxy.Count(Testing.Proxy.RequestKind.HeadManifest));
        Assert.Equal(0, _world.Registry.Proxy.Count(Testing.Proxy.RequestKind.GetManifest));
    }

    [Fact]
    public async Task The_token_never_appears_in_logs_reports_or_anything_under_the_data_folder()
    {
        _world.GitHub.Faults.ServerError(count: 4, method: "POST", pathContains: "team/app/pulls");
        var failed = await _world.RunAsync(false, "team/app", "team/other");
        _world.GitHub.Faults.Clear();
        var ok = await _world.RunAsync(false, "team/app", "team/other");

        Assert.NotEmpty(_world.Logs.Lines);
        Assert.DoesNotContain(RefreshWorld.Token, _world.Logs.AllText);
        Assert.All(failed.Repositories.Concat(ok.Repositories), r => Assert.DoesNotContain(RefreshWorld.Token, r.Reason ?? ""));
        var files = Directory.EnumerateFiles(_world.DataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("config", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(
                System.Text.Encoding.UTF8.GetString(bytes).Contains(RefreshWorld.Token, StringComparison.Ordinal),
                "token found in " + file);
        }
    }
}
