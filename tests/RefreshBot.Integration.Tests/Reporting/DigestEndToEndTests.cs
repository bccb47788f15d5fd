using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Reporting;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.Reporting;

/// <summary>
/// End to end: a real run opens a pull request (real registry, git server, fake GitHub), a person merges it, the next
/// run notices; the history then knows the merge with GitHub's time and the weekly digest counts it.
/// </summary>
public sealed class DigestEndToEndTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_merge_noticed_by_the_next_run_is_recorded_with_its_time_and_counted_in_the_week()
    {
        var first = await _world.RunAsync();
        Assert.Equal("create", Assert.Single(first.Repositories[0].Groups).Action);
        var pull = Assert.Single(_world.Pulls);
        await using (var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default))
        {
            var recorded = Assert.Single(await history.ProposalsAsync("team/app", pull.HeadRef, default));
            Assert.Equal((PullRequestState.Open, pull.Title, (DateTimeOffset?)null), (recorded.State, recorded.Title, recorded.Closed));
            // the Dockerfile's two FROM lines (build stage and final image)
            Assert.Equal(["Dockerfile", "Dockerfile"], recorded.Updates.Select(u => u.Dockerfile));
            Assert.All(recorded.Updates, update =>
            {
                Assert.Equal((_world.Image, "1", _world.Old.ToString(), _world.Current.ToString()), (update.Image, update.Tag, update.From, update.To));
                Assert.NotNull(update.FirstSeen);
            });
        }

        await _world.GitHub.MergePullRequestAsync(pull);
        var mergedAt = pull.MergedAt!.Value;
        await _world.RunAsync();

        await using var store = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        var merged = Assert.Single(await store.ProposalsAsync("team/app", pull.HeadRef, default));
        Assert.Equal(PullRequestState.Merged, merged.State);
        Assert.Equal(mergedAt.ToUnixTimeSeconds(), merged.Closed!.Value.ToUnixTimeSeconds());
        Assert.Empty(await store.OpenProposalsAsync("team/app", default));

        var week = IsoWeek.Of(merged.Closed.Value);
        var repositories = ConfigLoader.LoadFile(_world.WriteConfig()).Repositories;
        var digest = await new WeeklyDigestBuilder(store, store).BuildAsync(week, repositories, merged.Closed.Value.AddMinutes(1), default);

        Assert.Equal((1, 1, 0, 0), (digest.Fleet.RepositoriesTracked, digest.Fleet.MergedThisWeek, digest.Fleet.OpenPullRequests, digest.Fleet.ClosedUnmergedThisWeek));
        var repository = Assert.Single(digest.Repositories);
        Assert.Equal((RepositoryStatus.Fresh, (TimeSpan?)null), (repository.Status, repository.Lag));
        Assert.Equal([pull.Number], repository.Merged.Select(p => p.Number));
        Assert.Equal([_world.Image], repository.Merged[0].Images);
        Assert.Equal(1, digest.Fleet.FullyFresh);
        Assert.Equal([_world.Image], digest.Fleet.BaseImages.Select(b => b.Image));
    }
}
