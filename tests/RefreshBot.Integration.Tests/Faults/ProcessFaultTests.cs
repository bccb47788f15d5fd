using RefreshBot.Adapters.Git;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Integration.Tests.Recovery;
using RefreshBot.Testing.Holds;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>
/// <c>refreshbot run --once</c> as a real process, killed with <c>SIGKILL</c> at points the crash-point theory does not
/// cover (see <see cref="CrashPointTests"/> for push and pull-request creation), then run again to the end.
/// </summary>
public sealed class ProcessFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private string Cache => Path.Combine(_world.Folder, "cache");

    private string CacheClone => Path.Combine(_world.DataDir, "repos", RepositoryFolderName.For("team/app"), "git");

    /// <summary>
    /// The last GitHub request of a refresh that opens a pull request is its decoration's last step, the assignees
    /// (labels → reviewers → assignees): held after GitHub handled it, the kill lands after every GitHub write and
    /// before the history records the run's end.
    /// </summary>
    [Fact]
    [Fault("Process", "SIGKILL after PR, before history write")]
    public async Task Killed_after_the_pull_request_is_complete_the_next_run_closes_the_run_and_writes_nothing_to_github()
    {
        var config = _world.WriteConfig();
        var hold = _world.GitHub.Holds.Add("POST", "/assignees", HoldPoint.AfterHandling);

        await using (var killed = BotProcess.RunOnce(config, Cache))
        {
            await hold.WaitReachedAsync(Deadline);
            var pull = Assert.Single(_world.Pulls);
            Assert.Equal(["hubot"], pull.Assignees);
            Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
            Assert.Equal(["octocat"], pull.RequestedReviewers);
            var run = await killed.KillAsync();
            Assert.True(run.ExitCode != 0, run.ToString());
        }

        _world.GitHub.Holds.ReleaseAll();
        await using (var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default))
        {
            var running = Assert.Single(await history.RunsAsync("team/app", 10, default));
            Assert.Null(running.Finished);
        }

        _world.GitHub.ResetRequests();
        var again = await BotProcess.RunOnceToEndAsync(config, Cache);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, _world.Writes); // nothing was missing on GitHub
        Assert.Single(_world.Pulls);
        await using (var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default))
        {
            var runs = await history.RunsAsync("team/app", 10, default);
            Assert.Equal([RunOutcome.Succeeded, RunOutcome.Interrupted], runs.Select(r => r.Outcome));
            Assert.All(runs, r => Assert.NotNull(r.Finished));
            Assert.StartsWith("interrupted", runs[1].Reason, StringComparison.Ordinal);
            var proposal = Assert.Single(await history.OpenProposalsAsync("team/app", default));
            Assert.Equal(_world.Pulls[0].Number, proposal.Number);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Fault("Process", "SIGKILL while the cache clone is fetched")]
    public async Task Killed_while_fetching_into_the_cache_clone_the_next_run_copes_with_what_the_kill_left(bool cloneExists)
    {
        var config = _world.WriteConfig();
        if (cloneExists)
        {
            var first = await BotProcess.RunOnceToEndAsync(config, Cache);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Single(_world.Pulls);
            await _world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["README.md"] = "# app, edited\n" }, "Edit the readme");
        }

        // Half the pack reaches the bot, then the server stalls: the kill lands with the pack being written.
        _world.Git.Faults.StallNextFetches(1, "team/app");
        await using (var killed = BotProcess.RunOnce(config, Cache))
        {
            await _world.Git.Faults.Stalled.WaitAsync(Deadline);
            await Task.Delay(TimeSpan.FromMilliseconds(200)); // let the half pack reach the disk
            var run = await killed.KillAsync();
            Assert.True(run.ExitCode != 0, run.ToString());
        }

        Assert.Equal(0, _world.Git.Faults.Pending);
        Assert.True(Directory.Exists(CacheClone), "the kill should leave the clone half made: " + CacheClone);

        var again = await BotProcess.RunOnceToEndAsync(config, Cache);

        Assert.True(again.ExitCode == 0, again.ToString());
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal(FaultConvergence.Branch, pull.HeadRef);
        Assert.Equal(["main", FaultConvergence.Branch], (await _world.Repo.Git.BranchesAsync()).Order());
        Assert.Equal(_world.Dockerfile(_world.Current), await _world.Repo.Git.ReadFileAsync(FaultConvergence.Branch, "Dockerfile"));
        if (cloneExists)
        {
            Assert.Equal("# app, edited\n", await _world.Repo.Git.ReadFileAsync(FaultConvergence.Branch, "README.md"));
        }

        await using var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        var runs = await history.RunsAsync("team/app", 10, default);
        Assert.Equal(RunOutcome.Succeeded, runs[0].Outcome);
        Assert.Contains(runs, r => r.Outcome == RunOutcome.Interrupted);
        Assert.All(runs, r => Assert.NotNull(r.Finished));
    }
}
