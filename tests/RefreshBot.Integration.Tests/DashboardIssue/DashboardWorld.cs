using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.GitHub;

namespace RefreshBot.Integration.Tests.DashboardIssue;

/// <summary>
/// A <see cref="RefreshWorld"/> whose config also says <c>dashboardIssue</c> (and a title) in <c>defaults:</c>, run
/// through the real composition of <c>refreshbot run --once</c>, on a clock the test moves by hand.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public RefreshWorld World { get; } = new();

    public SteppedClock Clock { get; } = new();

    public bool Dashboard { get; set; } = true;

    public Task InitializeAsync()
    {
        World.Time = Clock;
        return World.InitializeAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();

    /// <summary>The plain issues of team/app.</summary>
    public IReadOnlyList<FakeIssue> Issues => World.GitHub.Issues("team", "app");

    /// <summary>Writes to the issues API (create, edit, comment) since the last reset.</summary>
    public int IssueWrites(int number) => World.GitHub.Requests.Count(r =>
        r.Method is "POST" or "PATCH"
        && (r.Path.EndsWith("/team/app/issues", StringComparison.Ordinal) || r.Path.EndsWith($"/team/app/issues/{number}", StringComparison.Ordinal)
            || r.Path.Contains($"/team/app/issues/{number}/", StringComparison.Ordinal)));

    public async Task<CycleReport> RunAsync(params string[] repositories)
    {
        var path = World.WriteConfig(repositories);
        var yaml = (await File.ReadAllTextAsync(path)).Replace(
            "defaults:\n", $"defaults:\n  dashboardIssue: {(Dashboard ? "true" : "false")}\n  dashboardIssueTitle: \"Base images: dashboard\"\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, yaml);
        var config = ConfigLoader.LoadFile(path);
        Assert.All(config.Repositories, r => Assert.Equal(Dashboard, r.DashboardIssue));
        await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, default);
        var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder: null, Clock);
        services.AddLogging(logging => logging.AddProvider(World.Logs).SetMinimumLevel(LogLevel.Debug));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<RefreshCycle>().RunAsync(config.Repositories, new RefreshOptions(config.Git.Author), default);
    }

    /// <summary>The system clock moved by hand (timers stay real).</summary>
    public sealed class SteppedClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
