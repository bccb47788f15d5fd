using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.GitHub;

public sealed class GitHubCodeHostFailureTests : GitHubCodeHostFixture
{
    private static CancellationToken Cancel => CancellationToken.None;

    [Fact]
    public async Task Server_errors_are_transient_and_a_failed_create_is_not_replayed()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        GitHub.Faults.ServerError(status: 502, method: "POST", pathContains: "/pulls");

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(Tracked, Draft(), Cancel));

        Assert.Equal(CodeHostErrorKind.Transient, error.Kind);
        Assert.Equal("POST /repos/team/app/pulls", error.Request);
        Assert.Null(error.RetryAt);
        Assert.Empty(GitHub.PullRequests("team", "app"));
        Assert.Equal(1, GitHub.RequestCounts["POST /repos/{owner}/{repo}/pulls"]);
        Assert.Equal(1, GitHub.RequestCounts["GET /repos/{owner}/{repo}/pulls"]); // looked, found nothing

        // Next cycle: GitHub is back, exactly one pull request.
        await host.CreateAsync(Tracked, Draft(), Cancel);
        Assert.Single(GitHub.PullRequests("team", "app"));
        AssertNoSecretsLogged();
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_not_duplicated()
    {
        var lost = new LostResponseHandler(HttpMethod.Post, "/repos/team/app/pulls");
        using var host = CodeHost(handler: lost);
        await PushBranchAsync("refreshbot/repository");

        var created = await host.CreateAsync(Tracked, Draft(), Cancel);

        Assert.Equal(1, lost.Lost);
        var pull = Assert.Single(GitHub.PullRequests("team", "app"));
        Assert.Equal(pull.Number, created.Number);
        Assert.Equal(["dependencies", "docker"], pull.Labels);
        Assert.Contains(Logs.Lines, l => l.Contains("failed transiently, but it had opened #" + pull.Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Primary_rate_limit_is_rate_limited_until_the_reset()
    {
        using var host = CodeHost();
        GitHub.Faults.PrimaryRateLimit(TimeSpan.FromMinutes(17));
        var expected = Time.GetUtcNow().AddMinutes(17);

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.FindPullRequestsAsync(Tracked, "refreshbot/repository", Cancel));

        Assert.Equal(CodeHostErrorKind.RateLimited, error.Kind);
        Assert.Equal("GET /repos/team/app/pulls", error.Request);
        Assert.NotNull(error.RetryAt);
        Assert.InRange((error.RetryAt.Value - expected).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Secondary_rate_limit_is_rate_limited_for_retry_after(int status)
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        GitHub.Faults.SecondaryRateLimit(TimeSpan.FromSeconds(120), status: status, method: "POST");
        var before = Time.GetUtcNow();

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(Tracked, Draft(), Cancel));

        Assert.Equal(CodeHostErrorKind.RateLimited, error.Kind);
        Assert.InRange(error.RetryAt!.Value, before.AddSeconds(119), Time.GetUtcNow().AddSeconds(121));
        Assert.Empty(GitHub.PullRequests("team", "app"));
        Assert.Contains(Logs.Lines, l => l.Contains("Request=POST /repos/team/app/pulls", StringComparison.Ordinal)
            && l.Contains("Repository=team/app", StringComparison.Ordinal) && l.Contains("RateLimited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_repository_is_not_found()
    {
        using var host = CodeHost();

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetDefaultBranchAsync(TrackedFor("team", "gone"), Cancel));

        Assert.Equal(CodeHostErrorKind.NotFound, error.Kind);
        Assert.Equal("GET /repos/team/gone", error.Request);
    }

    [Fact]
    public async Task A_refused_token_is_an_auth_failure_that_does_not_show_the_token()
    {
        const string revoked = "ghp_SENTINELrevoked000000000000000000000";
        using var host = CodeHost(o => o with { Token = revoked });

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetRemoteAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.Auth, error.Kind);
        Assert.DoesNotContain(revoked, error.ToString(), StringComparison.Ordinal);
        AssertNoSecretsLogged(revoked);
        Assert.NotEmpty(Logs.Lines);
    }

    [Fact]
    public async Task A_refused_reviewer_does_not_fail_the_pull_request()
    {
        using var host = CodeHost();
        await PushBranchAsync("refreshbot/repository");
        GitHub.Faults.ValidationFailed(method: "POST", pathContains: "/requested_reviewers");

        var created = await host.CreateAsync(Tracked, Draft(), Cancel);

        var pull = GitHub.PullRequest("team", "app", created.Number);
        Assert.Empty(pull.RequestedReviewers);
        Assert.Equal(["bob"], pull.Assignees);
        Assert.Contains(Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("What=reviewers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var host = CodeHost();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.GetDefaultBranchAsync(Tracked, cancelled.Token));
        Assert.Empty(GitHub.Requests);
    }
}
