using RefreshBot.Adapters.Git;
using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.Git;
using Xunit.Abstractions;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>Faults of the git server (smart HTTP) and of the bot's cache clone, during cycles over team/app and team/other.</summary>
public sealed class GitFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly RefreshWorld _world = new();
    private FaultConvergence _check = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.GitHub.CreateRepositoryAsync("team", "other", new Dictionary<string, string> { ["Dockerfile"] = _world.Dockerfile(_world.Old) });
        _check = new FaultConvergence(_world, "team/app", "team/other");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>The bare clone the bot keeps for team/app between cycles.</summary>
    private string CacheClone => Path.Combine(_world.DataDir, "repos", RepositoryFolderName.For("team/app"), "git");

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [Fault("Git", "authentication failure (401/403 for one repository)")]
    public async Task An_authentication_failure_is_recorded_for_that_repository_and_never_shows_the_token(int status)
    {
        _world.Git.Faults.Deny("team/app", status);

        var report = await _check.RunAsync();

        var reason = await _check.AssertRecordedAsync(report, "team/app", "auth", "team/app");
        output.WriteLine(reason);
        _check.AssertOthersProceeded(report);
        Assert.DoesNotContain(RefreshWorld.Token, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Logs.Lines, line => line.Contains(RefreshWorld.Token, StringComparison.Ordinal));
        _world.Git.Faults.Clear();
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("Git", "connection cut mid-fetch (first clone)")]
    public async Task A_connection_cut_during_the_first_clone_is_recorded_and_the_next_cycle_clones_again()
    {
        _world.Git.Faults.DropNextFetches(1, "team/app");

        var report = await _check.RunAsync();

        output.WriteLine(await _check.AssertRecordedAsync(report, "team/app", "sync"));
        _check.AssertOthersProceeded(report);
        Assert.Equal(0, _world.Git.Faults.Pending);
        await _check.AssertConvergesAsync();
    }

    [Fact]
    [Fault("Git", "connection cut mid-fetch (existing cache clone)")]
    public async Task A_connection_cut_while_fetching_into_the_cache_clone_is_recorded_and_the_next_fetch_recovers()
    {
        var first = await _check.RunAsync();
        Assert.All(first.Repositories, r => Assert.Equal(RepositoryStatus.Succeeded, r.Status));
        await _world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["README.md"] = "# app, edited\n" }, "Edit the readme");
        _world.Git.Faults.DropNextFetches(1, "team/app");

        var report = await _check.RunAsync();

        output.WriteLine(await _check.AssertRecordedAsync(report, "team/app", "sync"));
        Assert.Equal(RepositoryStatus.Succeeded, report.Repositories.Single(r => r.Repository == "team/other").Status);
        Assert.Equal(0, _world.Git.Faults.Pending);
        await _check.AssertConvergesAsync();
        Assert.Equal("# app, edited\n", await _world.Repo.Git.ReadFileAsync(FaultConvergence.Branch, "README.md"));
    }

    [Theory]
    [InlineData("truncated-pack")]
    [InlineData("garbage-pack")]
    [InlineData("deleted-objects")]
    [InlineData("garbage-head")]
    [InlineData("garbage-packed-refs")]
    [InlineData("stale-locks")]
    [Fault("Git", "corrupted cache clone")]
    public async Task A_corrupted_cache_clone_is_detected_and_the_next_cycle_still_succeeds(string damage)
    {
        var first = await _check.RunAsync();
        Assert.All(first.Repositories, r => Assert.Equal(RepositoryStatus.Succeeded, r.Status));
        Assert.True(Directory.Exists(CacheClone), CacheClone);
        await CacheDamage.ApplyAsync(CacheClone, damage);
        await _world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["README.md"] = "# app, edited\n" }, "Edit the readme");

        await _check.AssertConvergesAsync();

        Assert.Equal("# app, edited\n", await _world.Repo.Git.ReadFileAsync(FaultConvergence.Branch, "README.md"));
        Assert.Empty(Directory.EnumerateFiles(CacheClone, "*.lock", SearchOption.AllDirectories));
        Assert.Contains(_world.Logs.Lines, line => line.Contains("the cached clone of team/app", StringComparison.OrdinalIgnoreCase)
            || line.Contains("stale lock files from the cached clone of team/app", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    [Fault("Git", "push rejected (non-fast-forward)")]
    public async Task A_push_rejected_because_someone_pushed_meanwhile_never_overwrites_their_commit()
    {
        var first = await _check.RunAsync();
        Assert.All(first.Repositories, r => Assert.Equal(RepositoryStatus.Succeeded, r.Status));
        var botHead = await _world.Repo.Git.HeadAsync(FaultConvergence.Branch);
        await _world.MoveTagAsync();

        // The bot's push is held after it read the remote's refs; meanwhile a person pushes onto the bot branch.
        var hold = _world.Git.Holds.Add("POST", "team/app.git/git-receive-pack");
        var cycle = _check.RunAsync();
        await hold.WaitReachedAsync(Deadline);
        var human = await _world.Repo.Git.CommitAsync(FaultConvergence.Branch, new Dictionary<string, string> { ["NOTES.md"] = "a person's fix\n" }, "Fix by hand");
        hold.Release();
        var report = await cycle;

        output.WriteLine(await _check.AssertRecordedAsync(report, "team/app", "conflict", "rejected"));
        Assert.Equal(RepositoryStatus.Succeeded, report.Repositories.Single(r => r.Repository == "team/other").Status);
        Assert.Equal(human, await _world.Repo.Git.HeadAsync(FaultConvergence.Branch));
        Assert.True(await _world.Repo.Git.IsAncestorAsync(botHead!, human));

        // Next cycles: the person's commit is kept (the bot stops updating that branch and says so once), one PR.
        var next = await _check.RunAsync();
        var app = next.Repositories.Single(r => r.Repository == "team/app");
        Assert.True(app.Status == RepositoryStatus.Succeeded, $"{app.Status} {app.Reason}");
        Assert.Contains(app.Groups, g => g.Action == "stopped-foreign-commits");
        var writes = _world.Writes;
        var settled = await _check.RunAsync();
        Assert.All(settled.Repositories, r => Assert.Equal(RepositoryStatus.Succeeded, r.Status));
        Assert.Equal(writes, _world.Writes);
        Assert.Equal(human, await _world.Repo.Git.HeadAsync(FaultConvergence.Branch));
        var pull = Assert.Single(_world.Pulls);
        Assert.Single(pull.Comments, c => c.Body.Contains(human[..7], StringComparison.Ordinal));
        Assert.Equal(["main", FaultConvergence.Branch], (await _world.Repo.Git.BranchesAsync()).Order());
    }
}
