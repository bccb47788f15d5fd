using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Integration.Tests.Faults;
using RefreshBot.Testing.Holds;

namespace RefreshBot.Integration.Tests.Recovery;

/// <summary>
/// <c>refreshbot run --once</c> as a real process, killed with <c>SIGKILL</c> at a precise point of one refresh (the
/// fake GitHub or the git server holds the request of that point until the kill), then run again: the second run
/// converges to exactly what a crash-free run gives — one pull request on the one branch, with its content, labels,
/// reviewers and assignees, no duplicate branch or pull request — and the history closes the killed run as interrupted.
/// </summary>
public sealed class CrashPointTests : IAsyncLifetime
{
    private const string Branch = "refreshbot/base-images";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private string Cache => Path.Combine(_world.Folder, "cache");

    [Theory]
    [InlineData("during-push")]
    [InlineData("after-push-before-pull-request")]
    [InlineData("pull-request-created-answer-lost")]
    [InlineData("after-pull-request-before-labels")]
    [Fault("Process", "SIGKILL during push")]
    [Fault("Process", "SIGKILL after push, before PR")]
    public async Task Killed_at_a_crash_point_the_next_run_converges_to_the_crash_free_outcome(string point)
    {
        var config = _world.WriteConfig();
        var hold = point switch
        {
            "during-push" => _world.Git.Holds.Add("POST", "team/app.git/git-receive-pack"),
            "after-push-before-pull-request" => _world.GitHub.Holds.Add("POST", "/repos/team/app/pulls"),
            "pull-request-created-answer-lost" => _world.GitHub.Holds.Add("POST", "/repos/team/app/pulls", HoldPoint.AfterHandling),
            _ => _world.GitHub.Holds.Add("POST", "/labels"),
        };

        await using (var killed = BotProcess.RunOnce(config, Cache))
        {
            await hold.WaitReachedAsync(Deadline);
            await AssertCrashPointAsync(point);
            var run = await killed.KillAsync();
            Assert.True(run.ExitCode != 0, run.ToString());
        }

        hold.Release(); // its client is gone: a request held before handling is never handled
        await AssertOneRunLeftRunningAsync();

        var again = await BotProcess.RunOnceToEndAsync(config, Cache);

        Assert.True(again.ExitCode == 0, again.ToString());
        await AssertConvergedAsync();
        await using (var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default))
        {
            var runs = await history.RunsAsync("team/app", 10, default);
            Assert.Equal([RunOutcome.Succeeded, RunOutcome.Interrupted], runs.Select(r => r.Outcome));
            Assert.All(runs, r => Assert.NotNull(r.Finished));
            Assert.StartsWith("interrupted", runs[1].Reason, StringComparison.Ordinal);
            var proposal = Assert.Single(await history.OpenProposalsAsync("team/app", default));
            Assert.Equal((Branch, _world.Pulls[0].Number), (proposal.Branch, proposal.Number));
        }

        // Converged means settled: one more run changes nothing.
        _world.GitHub.ResetRequests();
        var third = await BotProcess.RunOnceToEndAsync(config, Cache);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(0, _world.Writes);
        await AssertConvergedAsync();
    }

    /// <summary>What exists at the moment of the kill.</summary>
    private async Task AssertCrashPointAsync(string point)
    {
        var pushed = await _world.Repo.Git.HeadAsync(Branch) is not null;
        switch (point)
        {
            case "during-push":
                Assert.False(pushed);
                Assert.Empty(_world.Pulls);
                break;
            case "after-push-before-pull-request":
                Assert.True(pushed);
                Assert.Empty(_world.Pulls);
                break;
            default:
                Assert.True(pushed);
                var pull = Assert.Single(_world.Pulls);
                Assert.Empty(pull.Labels);
                break;
        }
    }

    private async Task AssertOneRunLeftRunningAsync()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_world.DataDir, default);
        var run = Assert.Single(await history.RunsAsync("team/app", 10, default));
        Assert.Null(run.Finished);
    }

    /// <summary>The crash-free outcome: one open pull request from the one bot branch, holding the new digest, fully decorated.</summary>
    private async Task AssertConvergedAsync()
    {
        var pull = Assert.Single(_world.Pulls);
        Assert.True(pull.IsOpen);
        Assert.Equal((Branch, "main"), (pull.HeadRef, pull.BaseRef));
        Assert.Contains(_world.Current.Encoded[..12], pull.Body);
        Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
        Assert.Equal(["octocat"], pull.RequestedReviewers);
        Assert.Equal(["hubot"], pull.Assignees);
        Assert.Equal(["main", Branch], (await _world.Repo.Git.BranchesAsync()).Order());
        Assert.Equal(_world.Dockerfile(_world.Current), await _world.Repo.Git.ReadFileAsync(Branch, "Dockerfile"));
        Assert.Equal(await _world.Repo.Git.HeadAsync(Branch), pull.HeadSha);
        var commits = await _world.Repo.Git.CommitsAsync(Branch);
        var main = await _world.Repo.Git.HeadAsync("main");
        Assert.Equal(main, commits[1].Sha); // exactly one bot commit on the target head
    }
}
