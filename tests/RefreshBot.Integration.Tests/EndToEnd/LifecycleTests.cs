using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>End to end: what people do to the bot's pull requests and branches, and how the bot answers.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly RefreshWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Closed_without_merging_is_not_recreated_for_the_same_digest_but_a_newer_digest_is_proposed_again()
    {
        await _world.RunAsync();
        _world.GitHub.ClosePullRequest(_world.Pulls[0]);
        _world.GitHub.ResetRequests();

        var again = await _world.RunAsync();

        Assert.Equal("skipped-closed", Assert.Single(again.Repositories[0].Groups).Action);
        Assert.Single(_world.Pulls);
        Assert.Equal(0, _world.Writes);

        var newer = await _world.MoveTagAsync();
        var later = await _world.RunAsync();

        Assert.Equal("create", Assert.Single(later.Repositories[0].Groups).Action);
        Assert.Equal(2, _world.Pulls.Count);
        Assert.True(_world.Pulls[1].IsOpen);
        Assert.Contains(newer.Encoded[..12], _world.Pulls[1].Body);
        Assert.False(_world.Pulls[0].IsOpen);
    }

    [Fact]
    public async Task Closed_without_merging_and_policy_says_no_newer_digest_is_not_proposed_either()
    {
        _world.ProposeAfterClosed = false;
        await _world.RunAsync();
        _world.GitHub.ClosePullRequest(_world.Pulls[0]);
        await _world.MoveTagAsync();

        var later = await _world.RunAsync();

        Assert.Equal("skipped-closed", Assert.Single(later.Repositories[0].Groups).Action);
        Assert.Single(_world.Pulls);
    }

    [Fact]
    public async Task A_persons_commit_on_the_branch_is_never_overwritten_and_the_bot_comments_once()
    {
        await _world.RunAsync();
        var human = await _world.Repo.Git.CommitAsync(
            "refreshbot/base-images", new Dictionary<string, string> { ["NOTES.md"] = "checked by hand\n" }, "Note", CommitIdentity.Human);
        await _world.MoveTagAsync();

        var first = await _world.RunAsync();
        var second = await _world.RunAsync();

        Assert.Equal("stopped-foreign-commits", Assert.Single(first.Repositories[0].Groups).Action);
        Assert.Equal("stopped-foreign-commits", Assert.Single(second.Repositories[0].Groups).Action);
        Assert.Equal(human, await _world.Repo.Git.HeadAsync("refreshbot/base-images"));
        var comment = Assert.Single(Assert.Single(_world.Pulls).Comments);
        Assert.Contains("someone else pushed commits", comment.Body);
        Assert.Equal("refreshbot", comment.User);
    }

    [Fact]
    public async Task Target_branch_moved_recreates_the_bots_branch_on_the_new_head_in_the_same_pull_request()
    {
        await _world.RunAsync();
        var moved = await _world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["README.md"] = "# app, v2\n" }, "Docs");

        var report = await _world.RunAsync();

        Assert.Equal("rebase", Assert.Single(report.Repositories[0].Groups).Action);
        var commit = Assert.Single(await _world.Repo.Git.CommitsAsync("refreshbot/base-images", 1));
        Assert.Equal(moved, Assert.Single(commit.Parents));
        Assert.Equal("# app, v2\n", await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "README.md"));
        Assert.Equal(_world.Dockerfile(_world.Current), await _world.Repo.Git.ReadFileAsync("refreshbot/base-images", "Dockerfile"));
        Assert.Single(_world.Pulls);
        Assert.Equal("unchanged", Assert.Single((await _world.RunAsync()).Repositories[0].Groups).Action);
    }

    [Fact]
    public async Task Switching_to_image_grouping_closes_the_repository_pull_request_pointing_to_the_one_that_replaces_it()
    {
        await _world.RunAsync();
        _world.Grouping = "image";

        var report = await _world.RunAsync();

        var actions = report.Repositories[0].Groups.Select(g => g.Action).ToList();
        Assert.Equal(["create", "closed-superseded"], actions);
        Assert.Equal(2, _world.Pulls.Count);
        var (old, replacement) = (_world.Pulls[0], _world.Pulls[1]);
        Assert.False(old.IsOpen);
        Assert.False(old.Merged);
        Assert.Contains("Superseded by #" + replacement.Number, Assert.Single(old.Comments).Body);
        Assert.True(replacement.IsOpen);
        Assert.NotEqual(old.HeadRef, replacement.HeadRef);
        Assert.All((await _world.RunAsync()).Repositories[0].Groups, g => Assert.Equal("unchanged", g.Action));
    }

    [Fact]
    public async Task A_merged_fix_leaves_nothing_to_propose_and_the_open_pull_request_is_closed_as_obsolete()
    {
        await _world.RunAsync();
        await _world.Repo.Git.CommitAsync("main", new Dictionary<string, string> { ["Dockerfile"] = _world.Dockerfile(_world.Current) }, "Bump by hand");

        var report = await _world.RunAsync();

        Assert.Equal("closed-obsolete", Assert.Single(report.Repositories[0].Groups).Action);
        Assert.False(Assert.Single(_world.Pulls).IsOpen);
        Assert.Empty((await _world.RunAsync()).Repositories[0].Groups);
    }
}
