using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>
/// End to end, the index churn policy: a repository pins <c>image:tag@sha256:&lt;index&gt;</c> and builds only
/// linux/amd64. The index re-pushed with only its linux/arm64 manifest changed gives no pull request, and the run
/// says why (cycle report, log, history); the amd64 manifest changed gives one.
/// </summary>
public sealed class IndexChurnTests : IAsyncLifetime
{
    private static readonly Platform Amd64 = Platform.Parse("linux/amd64");
    private static readonly Platform Arm64 = Platform.Parse("linux/arm64");
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task An_index_that_moved_only_for_another_platform_gives_no_pull_request_and_is_recorded_then_an_amd64_change_does()
    {
        var pinned = await _world.Registry.Pusher.PushIndexAsync("team/multi", "1", [Amd64, Arm64]);
        await _world.GitHub.CreateRepositoryAsync("team", "multi", new Dictionary<string, string> { ["Dockerfile"] = Dockerfile(pinned.Digest) });
        var churned = await _world.Registry.Pusher.PushIndexChurnAsync("team/multi", "1", pinned, keep: Amd64);
        Assert.Equal(pinned.For(Amd64).Digest, churned.For(Amd64).Digest);
        Assert.NotEqual(pinned.For(Arm64).Digest, churned.For(Arm64).Digest);

        var quiet = await _world.RunAsync(false, "team/multi");

        var outcome = Assert.Single(quiet.Repositories);
        Assert.Empty(outcome.Groups);
        Assert.Empty(_world.GitHub.PullRequests("team", "multi"));
        Assert.Equal(["main"], await _world.GitHub.Repository("team", "multi").Git.BranchesAsync());
        var left = Assert.Single(outcome.LeftAlone);
        Assert.Equal(("Dockerfile", 1), (left.Dockerfile, left.Line));
        Assert.StartsWith("index churn: the index moved but its linux/amd64 manifest", left.Reason, StringComparison.Ordinal);
        Assert.Contains(_world.Logs.Lines, l => l.Contains("team/multi: Dockerfile:1 ", StringComparison.Ordinal) && l.Contains("left alone: index churn", StringComparison.Ordinal));
        await using (var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default))
        {
            var run = Assert.Single(await history.RunsAsync("team/multi", 10, default));
            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            Assert.Contains("Dockerfile:1: index churn", run.Reason, StringComparison.Ordinal);
        }

        var moved = await _world.Registry.Pusher.PushIndexChurnAsync("team/multi", "1", churned, keep: Arm64);
        var proposing = await _world.RunAsync(false, "team/multi");

        Assert.Equal("create", Assert.Single(Assert.Single(proposing.Repositories).Groups).Action);
        Assert.Empty(proposing.Repositories[0].LeftAlone);
        var pull = Assert.Single(_world.GitHub.PullRequests("team", "multi"));
        Assert.Contains(moved.Digest.Encoded[..12], pull.Body);
        Assert.Equal(Dockerfile(moved.Digest), await _world.GitHub.Repository("team", "multi").Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
    }

    private string Dockerfile(Digest pin) => $"FROM {_world.Registry.Host}/team/multi:1@{pin}\nRUN echo build\n";
}
