using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.GitHub;

public sealed class GitHubCodeHostPullRequestTests : GitHubCodeHostFixture
{
    private static CancellationToken Cancel => CancellationToken.None;

    [Fact]
    public async Task Default_branch_and_remote_come_from_the_repository()
    {
        using var host = CodeHost();
        await GitHub.SetDefaultBranchAsync(Repo, "trunk-not-yet");

        Assert.Equal("trunk-not-yet", await host.GetDefaultBranchAsync(Tracked, Cancel));
        var remote = await host.GetRemoteAsync(Tracked, Cancel);
        Assert.Equal(GitServer.RepositoryUrl("team", "app").ToString(), remote.Url);
        Assert.Equal("x-access-token", remote.Username);
        Assert.Equal(Token, remote.Password);
        Assert.DoesNotContain(Token, remote.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_opens_the_pull_request_with_labels_reviewers_and_assignees()
    {
        using var host = CodeHost();
        var head = await PushBranchAsync("refreshbot/repository");

        var created = await host.CreateAsync(Tracked, Draft() with { IsDraft = true }, Cancel);

        var pull = Assert.Single(GitHub.PullRequests("team", "app"));
        Assert.Equal(pull.Number, created.Number);
        Assert.Equal(PullRequestState.Open, created.State);
        Assert.Equal(head, created.HeadSha);
        Assert.Equal("refreshbot/repository", created.Branch);
        Assert.Contains("/team/app/pull/" + pull.Number, created.Url, StringComparison.Ordinal);
        Assert.Equal(("Refresh base images: alpine:3.20", "body v1", "main", true), (pull.Title, pull.Body, pull.BaseRef, pull.Draft));
        Assert.Equal(["dependencies", "docker"], pull.Labels);
        Assert.Contains("alice", pull.RequestedReviewers);
        Assert.Equal(["bob"], pull.Assignees);
        Assert.Equal(1, GitHub.RequestCounts["POST /repos/{owner}/{repo}/pulls"]);
    }

    [Fact]
    public async Task A_second_create_for_the_same_branch_is_refused_as_invalid_and_creates_nothing()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        await host.CreateAsync(Tracked, Draft(), Cancel);

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(Tracked, Draft(), Cancel));

        Assert.Equal(CodeHostErrorKind.Invalid, error.Kind);
        Assert.Equal("POST /repos/team/app/pulls", error.Request);
        Assert.Contains("A pull request already exists for team:refreshbot/repository", error.Message, StringComparison.Ordinal);
        Assert.Single(GitHub.PullRequests("team", "app"));
    }

    [Fact]
    public async Task Find_returns_open_merged_and_closed_unmerged_newest_first_with_comments_of_open_ones()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        var first = await host.CreateAsync(Tracked, Draft(title: "first"), Cancel);
        GitHub.ClosePullRequest(GitHub.PullRequest("team", "app", first.Number));
        var second = await host.CreateAsync(Tracked, Draft(title: "second"), Cancel);
        await GitHub.MergePullRequestAsync(GitHub.PullRequest("team", "app", second.Number));
        await PushBranchAsync("refreshbot/repository", "FROM alpine:3.22\n");
        var third = await host.CreateAsync(Tracked, Draft(title: "third"), Cancel);
        await host.CommentAsync(Tracked, third.Number, "<!-- refreshbot:human-commit --> I stopped.", Cancel);
        GitHub.Comment(GitHub.PullRequest("team", "app", third.Number), "thanks bot");
        await PushBranchAsync("refreshbot/other");
        await host.CreateAsync(Tracked, Draft(branch: "refreshbot/other", title: "other branch"), Cancel);

        var found = await host.FindPullRequestsAsync(Tracked, "refreshbot/repository", Cancel);

        Assert.Equal(["third", "second", "first"], found.Select(p => p.Title));
        Assert.Equal([PullRequestState.Open, PullRequestState.Merged, PullRequestState.ClosedUnmerged], found.Select(p => p.State));
        Assert.Equal(["<!-- refreshbot:human-commit --> I stopped.", "thanks bot"], found[0].Comments);
        Assert.Empty(found[1].Comments);
        Assert.NotNull(found[2].ClosedAt);
        Assert.Null(found[0].ClosedAt);
    }

    [Fact]
    public async Task Find_reads_every_page()
    {
        using var host = CodeHost(o => o with { PageSize = 2 });
        var created = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            await PushBranchAsync("refreshbot/repository", $"FROM alpine:3.{i}\n");
            var pull = await host.CreateAsync(Tracked, Draft(title: $"pr {i}"), Cancel);
            GitHub.ClosePullRequest(GitHub.PullRequest("team", "app", pull.Number));
            created.Add(pull.Number);
        }

        GitHub.ResetRequests();
        var found = await host.FindPullRequestsAsync(Tracked, "refreshbot/repository", Cancel);

        Assert.Equal(Enumerable.Reverse(created), found.Select(p => p.Number));
        Assert.Equal(3, GitHub.RequestCounts["GET /repos/{owner}/{repo}/pulls"]);
        Assert.All(GitHub.Requests, r => Assert.Equal("refreshbot", r.Login));
    }

    [Fact]
    public async Task Update_edits_only_what_changed_and_keeps_what_a_person_added()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        // The fake records user reviewers only (not team_reviewers), so this draft asks users only.
        var draft = Draft() with { Reviewers = ["alice"] };
        var created = await host.CreateAsync(Tracked, draft, Cancel);
        await PersonClient().Issue.Labels.AddToIssue("team", "app", created.Number, ["keep-me"]);
        await PersonClient().Issue.Assignee.AddAssignees("team", "app", created.Number, new Octokit.AssigneesUpdate(["carol"]));

        GitHub.ResetRequests();
        var same = await host.UpdateAsync(Tracked, created.Number, draft, Cancel);
        Assert.Equal("body v1", same.Body);
        Assert.Equal(["GET /repos/{owner}/{repo}/pulls/{pull_number}"], GitHub.Requests.Select(r => r.Operation));

        var updated = await host.UpdateAsync(Tracked, created.Number,
            draft with { Body = "body v2", Labels = ["dependencies", "docker", "security"], Assignees = ["bob", "erin"] }, Cancel);

        var pull = GitHub.PullRequest("team", "app", created.Number);
        Assert.Equal("body v2", updated.Body);
        Assert.Equal("body v2", pull.Body);
        Assert.Equal(["dependencies", "docker", "keep-me", "security"], pull.Labels.Order());
        Assert.Equal(["bob", "carol", "erin"], pull.Assignees.Order());
        Assert.Contains("alice", pull.RequestedReviewers);
    }

    [Fact]
    public async Task Close_comments_first_then_closes_without_merging()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        var created = await host.CreateAsync(Tracked, Draft(), Cancel);
        GitHub.ResetRequests();

        await host.CloseAsync(Tracked, created.Number, "Superseded by #9.", Cancel);

        var pull = GitHub.PullRequest("team", "app", created.Number);
        Assert.False(pull.IsOpen);
        Assert.False(pull.Merged);
        Assert.Equal("Superseded by #9.", Assert.Single(pull.Comments).Body);
        Assert.Equal(
            ["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", "PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
            GitHub.Requests.Select(r => r.Operation));
        var found = Assert.Single(await host.FindPullRequestsAsync(Tracked, "refreshbot/repository", Cancel));
        Assert.Equal(PullRequestState.ClosedUnmerged, found.State);
    }
}
