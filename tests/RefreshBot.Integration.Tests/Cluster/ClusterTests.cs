using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.Recovery;
using RefreshBot.Integration.Tests.History;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Workers;

namespace RefreshBot.Integration.Tests.Cluster;

/// <summary>
/// Must show: three <c>refreshbot run</c> worker processes share one PostgreSQL database (history and Quartz's
/// clustered job store) and one config, each with its own data folder and GitHub token. The fleet's schedule fires
/// once, soon; the first worker to open a pull request is held there and killed with <c>SIGKILL</c>. Every repository
/// is processed in that cycle, the killed worker's job is recovered by a survivor, no pull request is duplicated, and
/// the fake GitHub ends exactly as after a crash-free run of the same fleet.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Size = 10;
    private const string PostgresVariable = "REFRESHBOT_TEST_POSTGRES";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-cluster-").FullName;
    private ProxiedRegistry _registry = null!;
    private Fleet _cluster = null!;
    private Fleet _crashFree = null!;

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync();
        var images = await FleetImages.PushAsync(_registry);
        _cluster = await Fleet.CreateAsync(images, Size);
        _crashFree = await Fleet.CreateAsync(images, Size);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _crashFree.DisposeAsync();
        await _registry.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Three_workers_share_the_fleet_and_a_worker_killed_mid_repository_is_recovered_with_the_crash_free_outcome()
    {
        var expected = await CrashFreeAsync();
        Assert.Equal(_crashFree.ExpectedPullRequests, expected.PullRequests);

        var database = await postgres.Server.CreateDatabaseAsync();
        var config = _cluster.WriteConfig(
            Path.Combine(_folder, "cluster"),
            storage: $"database:\n  postgres: ${{env:{PostgresVariable}}}",
            schedule: SingleWorkerRestartTests.OnceAt(DateTimeOffset.UtcNow.AddSeconds(40)),
            extra: "service:\n  jitter: 0\n  shutdownTimeout: 20s\n  cluster:\n    checkinInterval: 1s");
        var hold = _cluster.GitHub.Holds.Add("POST", "/pulls"); // the first pull request any worker opens
        var workers = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => WorkerProcess.StartAsync(new WorkerOptions(config)
        {
            Name = $"worker-{i}",
            DataDir = Path.Combine(_folder, $"worker-{i}"),
            Environment = new Dictionary<string, string>
            {
                [Fleet.TokenVariable] = _cluster.TokenFor($"worker-{i}"),
                [PostgresVariable] = database,
            },
            Arguments = ["--log-level", "Debug"],
            StartTimeout = TimeSpan.FromMinutes(2),
        })));
        try
        {
            await hold.WaitReachedAsync(Deadline);
            var victim = workers.Single(w => w.Name == hold.Caller);
            var repository = hold.Path!.Split('/')[3]; // /repos/fleet/<name>/pulls
            victim.Kill();
            await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
            hold.Release();
            var survivors = workers.Where(w => w != victim).ToList();

            await EventuallyAsync(() => PullRequests(_cluster) == _cluster.ExpectedPullRequests, survivors);

            // the killed worker's job was recovered (a firing marked recovering) and finished by a survivor
            Assert.Contains(survivors, w => w.Stderr.Split('\n').Any(l =>
                l.Contains($"fleet/{repository}: refresh starting", StringComparison.Ordinal) && l.Contains("recovering: True", StringComparison.Ordinal)));
            Assert.All(_cluster.GitHub.PullRequests(Fleet.Owner, repository), p => Assert.NotEqual(victim.Name, p.User));
            // the work was shared: pull requests opened by more than one worker
            Assert.True(_cluster.Repositories.SelectMany(r => _cluster.GitHub.PullRequests(r.Owner, r.Name)).Select(p => p.User).Distinct().Count() >= 2);

            // every repository processed in the cycle, the victim's run closed as interrupted (history in PostgreSQL)
            await EventuallyAsync(async () => await AllRunsFinishedAsync(database), survivors);
            await using (var history = await HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, database), default))
            {
                foreach (var tracked in _cluster.Repositories)
                {
                    var runs = await history.RunsAsync(tracked.Id, 10, default);
                    Assert.True(runs.Count > 0 && runs[0].Outcome == RunOutcome.Succeeded, $"{tracked.Id}: {string.Join(", ", runs)}");
                }

                Assert.Contains(RunOutcome.Interrupted, (await history.RunsAsync($"{Fleet.Owner}/{repository}", 10, default)).Select(r => r.Outcome));
            }

            foreach (var survivor in survivors)
            {
                Assert.Equal(0, await survivor.StopAsync(TimeSpan.FromMinutes(1)));
            }

            var actual = await FleetSnapshot.CaptureAsync(_cluster);
            Assert.True(expected.Equals(actual), $"expected:\n{expected}\nactual:\n{actual}");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private async Task<FleetSnapshot> CrashFreeAsync()
    {
        var folder = Path.Combine(_folder, "crash-free");
        var environment = new Dictionary<string, string>
        {
            [Fleet.TokenVariable] = _crashFree.TokenFor("worker-0"),
            ["REFRESHBOT_DATA_DIR"] = Path.Combine(folder, "data"),
        };
        var run = await BotProcess.RunOnceToEndAsync(_crashFree.WriteConfig(folder), Path.Combine(folder, "cache"), environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        return await FleetSnapshot.CaptureAsync(_crashFree);
    }

    private async Task<bool> AllRunsFinishedAsync(string database)
    {
        await using var history = await HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, database), default);
        foreach (var tracked in _cluster.Repositories)
        {
            var runs = await history.RunsAsync(tracked.Id, 10, default);
            if (runs.Count == 0 || runs[0].Finished is null)
            {
                return false;
            }
        }

        return true;
    }

    private static int PullRequests(Fleet fleet) => fleet.Repositories.Sum(r => fleet.GitHub.PullRequests(r.Owner, r.Name).Count);

    private static Task EventuallyAsync(Func<bool> done, IReadOnlyList<WorkerProcess> workers) => EventuallyAsync(() => Task.FromResult(done()), workers);

    private static async Task EventuallyAsync(Func<Task<bool>> done, IReadOnlyList<WorkerProcess> workers)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not done in time; workers said:\n" + string.Join("\n=====\n", workers.Select(w => w.Name + ":\n" + w.Stderr)));
            await Task.Delay(500);
        }
    }
}
