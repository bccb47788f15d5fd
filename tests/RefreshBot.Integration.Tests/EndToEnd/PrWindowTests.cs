namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>End to end: outside the PR window no pull request is created; inside it one opens; an open one is kept up to date outside it.</summary>
public sealed class PrWindowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(1));

    private readonly RefreshWorld _world = new();
    private readonly SetClock _clock = new();

    public Task InitializeAsync()
    {
        _world.PrWindow = """{days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00", timeZone: Europe/Berlin}""";
        _world.Time = _clock;
        return _world.InitializeAsync();
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Outside_the_window_nothing_is_opened_inside_it_the_pull_request_opens()
    {
        _clock.Now = Saturday;
        _world.GitHub.ResetRequests();
        var weekend = await _world.RunAsync();

        Assert.Equal(0, _world.Writes);
        Assert.Empty(_world.Pulls);
        Assert.Empty(weekend.Repositories[0].Groups);
        var reason = "outside the PR window (Mon–Fri 09:00–17:00 Europe/Berlin); next opening Mon 2026-11-30 09:00 +01:00";
        Assert.Equal([reason, reason], weekend.Repositories[0].LeftAlone.Select(l => l.Reason));

        _clock.Now = Monday;
        var office = await _world.RunAsync();

        Assert.Equal("create", Assert.Single(office.Repositories[0].Groups).Action);
        Assert.Empty(office.Repositories[0].LeftAlone);
        Assert.Contains(_world.Current.Encoded[..12], Assert.Single(_world.Pulls).Body);
    }

    [Fact]
    public async Task An_open_pull_request_is_still_updated_outside_the_window()
    {
        _clock.Now = Monday;
        await _world.RunAsync();
        var pull = Assert.Single(_world.Pulls);
        var newer = await _world.MoveTagAsync();

        _clock.Now = Saturday.AddDays(7);
        var weekend = await _world.RunAsync();

        var group = Assert.Single(weekend.Repositories[0].Groups);
        Assert.Equal(("update", pull.Number), (group.Action, group.Number));
        Assert.Single(_world.Pulls);
        Assert.Contains(newer.Encoded[..12], _world.Pulls[0].Body);
        Assert.Equal(_world.Dockerfile(newer), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
    }

    /// <summary>The clock's <c>now</c> set by hand (timers stay real).</summary>
    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
