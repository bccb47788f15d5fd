namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>End to end: the soak period holds a new digest back by its first-seen time, without touching an open proposal.</summary>
public sealed class SoakTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();
    private readonly SteppedClock _clock = new();

    public Task InitializeAsync()
    {
        _world.Soak = "24h";
        _world.Time = _clock;
        return _world.InitializeAsync();
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_digest_younger_than_the_soak_period_gives_no_pull_request_then_one_after()
    {
        var young = await _world.RunAsync();

        Assert.Empty(_world.Pulls);
        Assert.Empty(young.Repositories[0].Groups);
        Assert.Equal(
            ["soaking: first seen 0s ago, proposed after 24h", "soaking: first seen 0s ago, proposed after 24h"],
            young.Repositories[0].LeftAlone.Select(l => l.Reason));

        _clock.Advance(TimeSpan.FromHours(25));
        var old = await _world.RunAsync();

        Assert.Equal("create", Assert.Single(old.Repositories[0].Groups).Action);
        Assert.Empty(old.Repositories[0].LeftAlone);
        var pull = Assert.Single(_world.Pulls);
        Assert.Contains(_world.Current.Encoded[..12], pull.Body);
    }

    [Fact]
    public async Task A_soaking_newer_digest_keeps_the_open_pull_request_as_it_is_until_it_is_old_enough()
    {
        _clock.Advance(TimeSpan.FromHours(-30));
        await _world.RunAsync();
        _clock.Advance(TimeSpan.FromHours(25));
        await _world.RunAsync();
        var proposed = _world.Current;
        var pull = Assert.Single(_world.Pulls);
        var body = pull.Body;
        var newer = await _world.MoveTagAsync();
        _world.GitHub.ResetRequests();

        _clock.Advance(TimeSpan.FromHours(1));
        var soaking = await _world.RunAsync();

        var kept = Assert.Single(soaking.Repositories[0].Groups);
        Assert.Equal(("kept-soaking", pull.Number), (kept.Action, kept.Number));
        Assert.Contains("soaking: first seen 0s ago, proposed after 24h", soaking.Repositories[0].LeftAlone.Select(l => l.Reason));
        Assert.Equal(0, _world.Writes);
        Assert.True(Assert.Single(_world.Pulls).IsOpen);
        Assert.Equal(body, _world.Pulls[0].Body);
        Assert.Equal(_world.Dockerfile(proposed), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));

        _clock.Advance(TimeSpan.FromHours(24));
        var later = await _world.RunAsync();

        Assert.Equal("update", Assert.Single(later.Repositories[0].Groups).Action);
        Assert.Single(_world.Pulls);
        Assert.Contains(newer.Encoded[..12], _world.Pulls[0].Body);
        Assert.Equal(_world.Dockerfile(newer), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
    }

    /// <summary>The system clock moved by hand (timers stay real).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
