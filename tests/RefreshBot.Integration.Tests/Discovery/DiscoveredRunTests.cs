using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Discovery;

/// <summary><c>refreshbot run --once</c> over a fleet that only <c>discover:</c> names: the real CLI, registry, git and fake GitHub.</summary>
public sealed class DiscoveredRunTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Run_once_discovers_the_organization_and_refreshes_only_repositories_with_Dockerfiles()
    {
        _world.GitHub.AddOrganization("team");
        await _world.GitHub.CreateRepositoryAsync("team", "docs", new Dictionary<string, string> { ["README.md"] = "# docs\n" });
        _world.GitHub.SeedRepository("team", "old-app", ["Dockerfile"], archived: true);
        var config = Path.Combine(_world.Folder, "discover.yaml");
        await File.WriteAllTextAsync(config, $$"""
            github:
              apiUrl: {{_world.GitHub.ApiUri}}
              token: ${file:token.txt}
            storage:
              dataDir: {{_world.DataDir}}
            discover:
              - org: team
                labels: [discovered]
            """);

        var run = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Discovered org team: 3 listed, 1 tracked (skipped: 1 archived, 0 forks, 0 by include/exclude, 0 configured explicitly, 1 without Dockerfiles)", run.Stdout);
        var pull = Assert.Single(_world.Pulls);
        Assert.True(pull.IsOpen);
        Assert.Contains("discovered", pull.Labels);
        Assert.Contains(_world.Current.ToString(), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
        Assert.DoesNotContain(_world.GitHub.Requests, r => r.Path.StartsWith("/repos/team/docs", StringComparison.Ordinal) && !r.Path.Contains("/git/trees/", StringComparison.Ordinal));
        Assert.DoesNotContain(_world.GitHub.Requests, r => r.Path.StartsWith("/repos/team/old-app", StringComparison.Ordinal));
        Assert.Empty(_world.GitHub.PullRequests("team", "docs"));
    }
}
