using Octokit;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>Octokit 14 against the fake: the pull request lifecycle the bot relies on.</summary>
public sealed class FakeGitHubPullRequestTests : FakeGitHubFixture
{
    [Fact]
    public async Task Repository_and_ref_come_back_as_Octokit_models()
    {
        var client = Client();

        var repository = await client.Repository.Get("team", "app");
        var reference = await client.Git.Reference.Get("team", "app", "heads/main");

        Assert.Equal("main", repository.DefaultBranch);
        Assert.Equal(GitServer.RepositoryUrl("team", "app").ToString(), repository.CloneUrl);
        Assert.False(repository.Archived);
        Assert.Equal("team/app", repository.FullName);
        Assert.Equal(await Repo.Git.HeadAsync("main"), reference.Object.Sha);
        Assert.Equal(1, GitHub.RequestCounts["GET /repos/{owner}/{repo}/git/ref/{ref}"]);
    }

    [Fact]
    public async Task Create_find_by_head_update_label_review_assign_comment()
    {
        var client = Client();
        var headSha = await PushBranchAsync("refreshbot/all");

        var created = await client.PullRequest.Create("team", "app", new NewPullRequest("Refresh base images: alpine:3.20", "refreshbot/all", "main") { Body = "first" });
        var found = await client.PullRequest.GetAllForRepository("team", "app", new PullRequestRequest { Head = "team:refreshbot/all", State = ItemStateFilter.All });
        var none = await client.PullRequest.GetAllForRepository("team", "app", new PullRequestRequest { Head = "team:other" });
        var updated = await client.PullRequest.Update("team", "app", created.Number, new PullRequestUpdate { Title = "Refresh base images: alpine:3.21", Body = "second" });
        await client.Issue.Labels.AddToIssue("team", "app", created.Number, ["dependencies", "docker"]);
        await client.PullRequest.ReviewRequest.Create("team", "app", created.Number, new PullRequestReviewRequest(["alice"], []));
        await client.Issue.Assignee.AddAssignees("team", "app", created.Number, new AssigneesUpdate(["bob"]));
        await client.Issue.Comment.Create("team", "app", created.Number, "Superseded by #2");
        var comments = await client.Issue.Comment.GetAllForIssue("team", "app", created.Number);
        var fetched = await client.PullRequest.Get("team", "app", created.Number);

        Assert.Equal(1, created.Number);
        Assert.Equal(ItemState.Open, created.State.Value);
        Assert.Equal(headSha, created.Head.Sha);
        Assert.Equal("team:refreshbot/all", created.Head.Label);
        Assert.Equal("main", created.Base.Ref);
        Assert.Equal("refreshbot", created.User.Login);
        Assert.Equal(created.Number, Assert.Single(found).Number);
        Assert.Empty(none);
        Assert.Equal("second", updated.Body);
        Assert.Equal(["dependencies", "docker"], fetched.Labels.Select(l => l.Name));
        Assert.Equal(["alice"], fetched.RequestedReviewers.Select(u => u.Login));
        Assert.Equal(["bob"], fetched.Assignees.Select(u => u.Login));
        Assert.Equal("Superseded by #2", Assert.Single(comments).Body);
        var state = GitHub.PullRequest("team", "app", 1);
        Assert.Equal(("Refresh base images: alpine:3.21", "second"), (state.Title, state.Body));
        Assert.Equal(["dependencies", "docker"], state.Labels);
        Assert.Equal(["alice"], state.RequestedReviewers);
        Assert.Equal(["bob"], state.Assignees);
    }

    [Fact]
    public async Task A_second_pull_request_for_the_same_head_is_refused_with_GitHubs_422()
    {
        var client = Client();
        await PushBranchAsync("refreshbot/all");
        await client.PullRequest.Create("team", "app", new NewPullRequest("one", "refreshbot/all", "main"));

        var error = await Assert.ThrowsAsync<ApiValidationException>(() =>
            client.PullRequest.Create("team", "app", new NewPullRequest("two", "refreshbot/all", "main")));

        Assert.Equal("Validation Failed", error.ApiError.Message);
        Assert.Equal("A pull request already exists for team:refreshbot/all.", Assert.Single(error.ApiError.Errors).Message);
        Assert.Single(GitHub.PullRequests("team", "app"));
    }

    [Fact]
    public async Task Closing_and_a_person_merging_show_up_in_the_API_and_in_git()
    {
        var client = Client();
        await PushBranchAsync("refreshbot/a");
        await PushBranchAsync("refreshbot/b", "FROM alpine:3.22\n");
        var first = await client.PullRequest.Create("team", "app", new NewPullRequest("a", "refreshbot/a", "main"));
        var second = await client.PullRequest.Create("team", "app", new NewPullRequest("b", "refreshbot/b", "main"));

        var closed = await client.PullRequest.Update("team", "app", first.Number, new PullRequestUpdate { State = ItemState.Closed });
        var mergeSha = await GitHub.MergePullRequestAsync(GitHub.PullRequest("team", "app", second.Number), by: "dana");
        var open = await client.PullRequest.GetAllForRepository("team", "app");
        var merged = await client.PullRequest.Get("team", "app", second.Number);

        Assert.Equal(ItemState.Closed, closed.State.Value);
        Assert.False(closed.Merged);
        Assert.Empty(open);
        Assert.True(merged.Merged);
        Assert.Equal(mergeSha, merged.MergeCommitSha);
        Assert.Equal("dana", merged.MergedBy.Login);
        Assert.Equal(mergeSha, await Repo.Git.HeadAsync("main"));
        Assert.Equal("FROM alpine:3.22\n", await Repo.Git.ReadFileAsync("main", "Dockerfile"));
        Assert.Contains(GitHub.PullRequest("team", "app", first.Number).Events, e => e is { Event: "closed", Actor: "refreshbot" });
    }

    [Fact]
    public async Task Lists_are_paged_with_Link_headers_that_Octokit_follows()
    {
        var client = Client();
        for (var i = 0; i < 5; i++)
        {
            await PushBranchAsync($"refreshbot/{i}", $"FROM alpine:3.{i}\n");
            await client.PullRequest.Create("team", "app", new NewPullRequest($"pr {i}", $"refreshbot/{i}", "main"));
        }

        GitHub.ResetRequests();
        var all = await client.PullRequest.GetAllForRepository("team", "app", new ApiOptions { PageSize = 2 });

        Assert.Equal([5, 4, 3, 2, 1], all.Select(p => p.Number));
        Assert.Equal(3, GitHub.RequestCounts["GET /repos/{owner}/{repo}/pulls"]);
    }

    [Fact]
    public async Task Wrong_or_missing_tokens_get_401_with_GitHubs_message()
    {
        var bad = await Assert.ThrowsAsync<AuthorizationException>(() => Client("ghp_wrong").Repository.Get("team", "app"));
        var anonymous = await Assert.ThrowsAsync<AuthorizationException>(() => Client(null).Repository.Get("team", "app"));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Client().Repository.Get("team", "nope"));

        Assert.Equal("Bad credentials", bad.ApiError.Message);
        Assert.Equal("Requires authentication", anonymous.ApiError.Message);
        Assert.Equal("Not Found", missing.ApiError.Message);
    }

    [Fact]
    public async Task The_clone_url_works_with_the_token_over_smart_HTTP()
    {
        var repository = await Client().Repository.Get("team", "app");
        var work = Directory.CreateTempSubdirectory("refreshbot-fakegh-").FullName;
        try
        {
            var header = "Authorization: Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x-access-token:" + Token));
            await Testing.Git.GitCli.RunAsync(work, ["-c", "http.extraHeader=" + header, "clone", repository.CloneUrl, "app"], default);
            var refused = await Testing.Git.GitCli.TryRunAsync(work, ["clone", repository.CloneUrl, "anon"], default);

            Assert.Equal("FROM alpine:3.20\n", File.ReadAllText(Path.Combine(work, "app", "Dockerfile")));
            Assert.NotEqual(0, refused.ExitCode);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
