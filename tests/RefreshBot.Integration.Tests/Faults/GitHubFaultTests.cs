using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>Faults of GitHub's REST API (the fake GitHub injects them) during a cycle over team/app and team/other.</summary>
public sealed class GitHubFaultTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();
    private FaultConvergence _check = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = _world.Dockerfile(_world.Old) });
        _check = new FaultConvergence(_world, "team/app", "team/other");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    [Fault("GitHub", "502 on every pull request creation")]
    public async Task Server_errors_on_pull_request_creation_fail_that_repository_only()
    {
        _world.GitHub.Faults.ServerError(count: 10, status: 502, method: "POST", pathContains: "team/app/pulls");

        var report = await _check.RunAsync();

        await _check.AssertRecordedAsync(report, "team/app", "transient", "502");
        _check.AssertOthersProceeded(report);
        _world.GitHub.Faults.Clear();
        await _check.AssertConvergesAsync();
    }
}
