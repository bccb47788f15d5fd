using System.Text.Json.Nodes;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>Faults of GitHub's REST API (the fake GitHub injects them) during a cycle over team/app and team/other.</summary>
public sealed class GitHubFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();
    private FaultConvergence _check = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = _world.Dockerfile(_world.Old) });
        _check = new FaultConvergence(_world, "team/app", "team/other") { Output = output.WriteLine };
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    [Fault("GitHub", "502 on every pull request creation")]
    public async Task Server_errors_on_pull_request_creation_fail_that_repository_only()
    {
        _world.GitHub.Faults.ServerError(count: 10, status: 502, method: "POST", pathContains: "team/app/pulls");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "transient", "502", "POST /repos/team/app/pulls");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("GitHub", "502 once on a read")]
    public async Task A_single_502_on_a_read_is_retried_and_the_cycle_succeeds()
    {
        _world.GitHub.Faults.ServerError(count: 1, status: 502, method: "GET", pathContains: "/repos/team/app");

        var report = await _check.RunAsync();

        Assert.Equal(0, _world.GitHub.Faults.Pending);
        Assert.Contains(_world.GitHub.Requests, r => r.Method == "GET" && r.Path.Contains("/repos/team/app", StringComparison.Ordinal) && r.Status == 502);
        await _check.AssertSurvivedAsync(report);
    }

    [Fact]
    [Fault("GitHub", "503 twice on a pull request update (PATCH)")]
    public async Task Two_503s_on_updating_the_pull_request_are_retried_and_the_same_pull_request_is_updated()
    {
        await _check.RunAsync();
        await _world.MoveTagAsync();
        _world.GitHub.Faults.ServerError(count: 2, status: 503, method: "PATCH", pathContains: "/repos/team/app/pulls/");
        _world.GitHub.ResetRequests();

        var report = await _check.RunAsync();

        Assert.Equal(0, _world.GitHub.Faults.Pending);
        Assert.Equal(3, _world.GitHub.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains("/repos/team/app/pulls/", StringComparison.Ordinal)));
        await _check.AssertSurvivedAsync(report);
        Assert.Contains(_world.Current.ToString(), _world.Pulls.Single().Body ?? "", StringComparison.Ordinal);
    }

    [Fact]
    [Fault("GitHub", "500 on every read")]
    public async Task Server_errors_on_reads_fail_that_repository_only()
    {
        _world.GitHub.Faults.ServerError(count: 50, status: 500, method: "GET", pathContains: "/repos/team/app");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "transient", "500", "GET /repos/team/app");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("GitHub", "503 on a write after the pull request was created (labels)")]
    public async Task A_503_on_adding_labels_is_recorded_and_the_next_cycle_completes_the_same_pull_request()
    {
        _world.GitHub.Faults.ServerError(count: 50, status: 503, method: "POST", pathContains: "/repos/team/app/issues/");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "503", "POST /repos/team/app/issues/");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
        Assert.Equal(["dependencies", "docker"], _world.Pulls.Single().Labels.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    [Fault("GitHub", "primary rate limit (403, x-ratelimit-remaining 0)")]
    [Fault("GitHub", "primary rate limit (429, x-ratelimit-reset)")]
    public async Task The_primary_rate_limit_is_recorded_with_its_reset_time(int status)
    {
        _world.GitHub.Faults.PrimaryRateLimit(TimeSpan.FromMinutes(30), count: 50, method: "GET", pathContains: "/repos/team/app", status: status);

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "rate limited until", $"({status}: API rate limit exceeded", "GET /repos/team/app");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("GitHub", "secondary rate limit (Retry-After)")]
    public async Task The_secondary_rate_limit_is_recorded_with_its_retry_time()
    {
        _world.GitHub.Faults.SecondaryRateLimit(TimeSpan.FromMinutes(2), count: 50, method: "POST", pathContains: "team/app/pulls");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "rate limited until", "secondary rate limit", "POST /repos/team/app/pulls");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("GitHub", "422 on pull request creation: a pull request already exists")]
    public async Task A_422_for_an_existing_pull_request_adopts_it_instead_of_duplicating()
    {
        await _check.RunAsync();
        await _world.MoveTagAsync();
        // A listing that misses the open pull request (a lagging replica): the bot creates, GitHub answers 422.
        _world.GitHub.Faults.ServeBody(200, new JsonArray(), method: "GET", pathContains: "team/app/pulls");
        _world.GitHub.ResetRequests();

        var report = await _check.RunAsync();

        Assert.Contains(_world.GitHub.Requests, r => r.Method == "POST" && r.Path.EndsWith("/repos/team/app/pulls", StringComparison.Ordinal) && r.Status == 422);
        Assert.Equal(0, _world.GitHub.Faults.Pending);
        await _check.AssertSurvivedAsync(report);
        Assert.Contains(_world.Current.ToString(), _world.Pulls.Single().Body ?? "", StringComparison.Ordinal);
    }

    [Fact]
    [Fault("GitHub", "404 for a deleted repository")]
    public async Task A_deleted_repository_is_recorded_as_not_found_every_cycle_and_the_rest_write_nothing()
    {
        _world.GitHub.DeleteRepository("team", "app");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "not found", "GET /repos/team/app");
        _check.AssertOthersProceeded(report);

        // Converging, for a repository that is gone: each cycle records it again (no crash, no run left running)
        // and the rest of the fleet has nothing left to write.
        var writes = _world.Writes;
        var again = await _check.RunAsync();
        await _check.AssertRecordedAsync(again, "team/app", "not found", "GET /repos/team/app");
        Assert.Equal(RepositoryStatus.Succeeded, again.Repositories.Single(r => r.Repository == "team/other").Status);
        Assert.Equal(writes, _world.Writes);
        await using var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        foreach (var repository in _check.Repositories)
        {
            Assert.DoesNotContain(await history.RunsAsync(repository, 100, default), r => r.Outcome is null || r.Finished is null);
        }

        Assert.Empty(_world.Pulls);
        Assert.Null(await _world.Repo.Git.HeadAsync(FaultConvergence.Branch));
    }
}
