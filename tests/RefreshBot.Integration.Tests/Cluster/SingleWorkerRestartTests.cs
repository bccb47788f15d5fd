using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.Recovery;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Workers;

namespace RefreshBot.Integration.Tests.Cluster;

/// <summary>
/// One SQLite worker (<c>refreshbot run --once</c>, or the service <c>refreshbot run</c>; a real process) killed with <c>SIGKILL</c> in the middle of a
/// fleet's cycle: the next start completes the cycle — every repository proposed, nothing lost, nothing duplicated —
/// and the fleet ends exactly as the same fleet after a crash-free cycle.
/// </summary>
public sealed class SingleWorkerRestartTests : IAsyncLifetime
{
    private const int Size = 9;
    private ProxiedRegistry _registry = null!;
    private Fleet _crashed = null!;
    private Fleet _crashFree = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-restart-").FullName;

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync();
        var images = await FleetImages.PushAsync(_registry);
        _crashed = await Fleet.CreateAsync(images, Size);
        _crashFree = await Fleet.CreateAsync(images, Size);
    }

    public async Task DisposeAsync()
    {
        await _crashed.DisposeAsync();
        await _crashFree.DisposeAsync();
        await _registry.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_worker_killed_mid_cycle_is_completed_by_the_next_start_as_if_it_never_crashed()
    {
        var expected = await CrashFreeAsync();
        Assert.Equal(_crashFree.ExpectedPullRequests, expected.PullRequests);

        var (config, environment) = Worker(_crashed, "crashed");
        var hold = _crashed.GitHub.Holds.Add("POST", "/repos/fleet/app-05/pulls");
        await using (var bot = BotProcess.RunOnce(config, Path.Combine(_folder, "crashed", "cache"), environment))
        {
            await hold.WaitReachedAsync(TimeSpan.FromMinutes(3));
            var before = _crashed.Repositories.Sum(r => _crashed.GitHub.PullRequests(r.Owner, r.Name).Count);
            Assert.InRange(before, 1, _crashed.ExpectedPullRequests - 1); // mid-cycle: some repositories done, not all
            await bot.KillAsync();
        }

        hold.Release();
        var opened = _crashed.GitHub.PullRequests(Fleet.Owner, "app-05").Count;
        Assert.Equal(0, opened);

        var restart = await BotProcess.RunOnceToEndAsync(config, Path.Combine(_folder, "crashed", "cache"), environment);

        Assert.True(restart.ExitCode == 0, restart.ToString());
        var actual = await FleetSnapshot.CaptureAsync(_crashed);
        Assert.True(expected.Equals(actual), $"expected:\n{expected}\nactual:\n{actual}");
        await using var history = await SqliteRefreshHistory.OpenAsync(environment["REFRESHBOT_DATA_DIR"], default);
        foreach (var repository in _crashed.Repositories)
        {
            var runs = await history.RunsAsync(repository.Id, 10, default);
            Assert.Equal(RunOutcome.Succeeded, runs[0].Outcome);
            Assert.All(runs, r => Assert.NotNull(r.Finished));
        }

        Assert.Contains(RunOutcome.Interrupted, (await history.RunsAsync("fleet/app-05", 10, default)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_service_worker_killed_mid_cycle_completes_the_cycle_at_its_next_start()
    {
        var expected = await CrashFreeAsync();
        var (config, environment) = Worker(_crashed, "service", schedule: OnceAt(DateTimeOffset.UtcNow.AddSeconds(25)), extra: "service:\n  jitter: 0");
        var hold = _crashed.GitHub.Holds.Add("POST", "/repos/fleet/app-05/pulls");
        var options = new WorkerOptions(config)
        {
            Name = "worker-1",
            DataDir = environment["REFRESHBOT_DATA_DIR"],
            Environment = environment,
            Arguments = ["--log-level", "Debug"],
            StartTimeout = TimeSpan.FromMinutes(2),
        };
        await using (var first = await WorkerProcess.StartAsync(options))
        {
            await hold.WaitReachedAsync(TimeSpan.FromMinutes(3));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        hold.Release();
        Assert.Empty(_crashed.GitHub.PullRequests(Fleet.Owner, "app-05"));

        await using var second = await WorkerProcess.StartAsync(options);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!await CycleDoneAsync(environment["REFRESHBOT_DATA_DIR"]))
        {
            Assert.True(DateTime.UtcNow < deadline, "the restarted worker did not complete the cycle:\n" + second.Stderr);
            await Task.Delay(500);
        }

        Assert.Equal(0, await second.StopAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains(second.Stderr.Split('\n'), l => l.Contains("fleet/app-05: refresh starting", StringComparison.Ordinal) && l.Contains("recovering: True", StringComparison.Ordinal));
        var actual = await FleetSnapshot.CaptureAsync(_crashed);
        Assert.True(expected.Equals(actual), $"expected:\n{expected}\nactual:\n{actual}");
        await using var history = await SqliteRefreshHistory.OpenAsync(environment["REFRESHBOT_DATA_DIR"], default);
        Assert.Contains(RunOutcome.Interrupted, (await history.RunsAsync("fleet/app-05", 10, default)).Select(r => r.Outcome));
    }

    /// <summary>Every repository's newest run finished successfully.</summary>
    private async Task<bool> CycleDoneAsync(string dataDir)
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(dataDir, default);
        foreach (var repository in _crashed.Repositories)
        {
            if ((await history.RunsAsync(repository.Id, 1, default)) is not [{ Outcome: RunOutcome.Succeeded }])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Quartz cron that fires once a day at <paramref name="at"/> (UTC): one cycle, soon.</summary>
    internal static string OnceAt(DateTimeOffset at) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.Second} {at.Minute} {at.Hour} * * ?");

    private async Task<FleetSnapshot> CrashFreeAsync()
    {
        var (config, environment) = Worker(_crashFree, "crash-free");
        var run = await BotProcess.RunOnceToEndAsync(config, Path.Combine(_folder, "crash-free", "cache"), environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        return await FleetSnapshot.CaptureAsync(_crashFree);
    }

    private (string Config, Dictionary<string, string> Environment) Worker(Fleet fleet, string name, string? schedule = null, string? extra = null)
    {
        var folder = Path.Combine(_folder, name);
        var environment = new Dictionary<string, string>
        {
            [Fleet.TokenVariable] = fleet.TokenFor("worker-1"),
            ["REFRESHBOT_DATA_DIR"] = Path.Combine(folder, "data"),
        };
        return (fleet.WriteConfig(folder, schedule: schedule, extra: extra), environment);
    }
}
