using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.EndToEnd;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// A real refresh (registry, git server, fake GitHub, the composition of <c>refreshbot run</c>) records which images
/// the repository's Dockerfiles use; a dry run records nothing.
/// </summary>
public sealed class ImageUsageEndToEndTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task After_a_run_the_index_finds_the_repository_by_the_image_it_builds_on()
    {
        var before = DateTimeOffset.UtcNow;
        await _world.RunAsync();
        var after = DateTimeOffset.UtcNow;

        await using var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        Assert.Equal(["team/app"], await history.RepositoriesUsingAsync(_world.Image, null, default));
        Assert.Equal(["team/app"], await history.RepositoriesUsingAsync(_world.Image, "1", default));
        Assert.Empty(await history.RepositoriesUsingAsync(_world.Image, "2", default));
        var use = Assert.Single(await history.ImageUsesAsync(default)); // two FROM lines, one image in use
        Assert.Equal(("team/app", _world.Image, "1", true), (use.Repository, use.Image, use.Tag, use.Pinned));
        Assert.InRange(use.RecordedAt, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal([new KnownDockerfile("team/app", "Dockerfile")], await history.KnownDockerfilesAsync(default));
    }

    [Fact]
    public async Task A_dry_run_records_no_image_use()
    {
        await _world.RunAsync(dryRun: true);

        await using var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        Assert.Empty(await history.ImageUsesAsync(default));
        Assert.Empty(await history.KnownDockerfilesAsync(default));
    }
}
