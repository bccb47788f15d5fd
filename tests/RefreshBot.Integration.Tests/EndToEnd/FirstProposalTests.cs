using RefreshBot.Application.Refresh.Reporting;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>End to end with the real registry, git smart HTTP and the fake GitHub: the first proposal and re-runs.</summary>
public sealed class FirstProposalTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task First_run_opens_one_pull_request_with_the_rewritten_file_table_labels_reviewers_and_assignees()
    {
        var report = await _world.RunAsync();

        var outcome = Assert.Single(report.Repositories);
        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        Assert.Equal("create", Assert.Single(outcome.Groups).Action);
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal("refreshbot/base-images", pull.HeadRef);
        Assert.Equal("main", pull.BaseRef);
        Assert.Contains("team/base:1", pull.Title);
        Assert.Equal(["dependencies", "docker"], pull.Labels.Order());
        Assert.Equal(["octocat"], pull.RequestedReviewers);
        Assert.Equal(["hubot"], pull.Assignees);
        Assert.Contains("`Dockerfile:2`", pull.Body);
        Assert.Contains("`Dockerfile:5`", pull.Body);
        Assert.Contains(_world.Current.Encoded[..12], pull.Body);
        Assert.Contains(_world.Old.Encoded[..12], pull.Body);
        Assert.Contains("<!-- refreshbot:state ", pull.Body);

        var branchFile = await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile");
        Assert.Equal(_world.Dockerfile(_world.Current), branchFile);
        var commits = await _world.Repo.Git.CommitsAsync("refreshbot/base-images", 2);
        Assert.Equal("bot@refreshbot.test", commits[0].AuthorEmail);
        Assert.Equal(await _world.Repo.Git.HeadAsync("main"), Assert.Single(commits[0].Parents));
        Assert.Equal("# app\n", await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "README.md"));
    }

    [Fact]
    public async Task Rerun_with_nothing_new_changes_nothing_no_commit_no_pull_request_no_edit()
    {
        await _world.RunAsync();
        var head = await _world.Repo.Git.HeadAsync("refreshbot/base-images");
        var body = _world.Pulls[0].Body;
        _world.GitHub.ResetRequests();

        var report = await _world.RunAsync();

        Assert.Equal("unchanged", Assert.Single(report.Repositories[0].Groups).Action);
        Assert.Equal(0, _world.Writes);
        Assert.Equal(head, await _world.Repo.Git.HeadAsync("refreshbot/base-images"));
        Assert.Equal(body, Assert.Single(_world.Pulls).Body);
    }

    [Fact]
    public async Task Newer_digest_updates_the_same_pull_request_branch_and_body()
    {
        await _world.RunAsync();
        var first = _world.Pulls[0];
        var newer = await _world.MoveTagAsync();

        var report = await _world.RunAsync();

        Assert.Equal("update", Assert.Single(report.Repositories[0].Groups).Action);
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal(first.Number, pull.Number);
        Assert.Contains(newer.Encoded[..12], pull.Body);
        Assert.Equal(_world.Dockerfile(newer), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
        Assert.Single(await _world.Repo.Git.CommitsAsync("refreshbot/base-images", 1));
    }

    [Fact]
    public async Task Dry_run_computes_the_proposal_and_writes_nothing_anywhere()
    {
        var report = await _world.RunAsync(dryRun: true);

        Assert.Equal("create", Assert.Single(report.Repositories[0].Groups).Action);
        Assert.True(report.DryRun);
        Assert.Empty(_world.Pulls);
        Assert.Null(await _world.Repo.Git.HeadAsync("refreshbot/base-images"));
        Assert.Equal(0, _world.Writes);
    }
}
