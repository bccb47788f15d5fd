using RefreshBot.Adapters.GitHub;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Testing.Time;

namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>
/// The transport's retries of transient GitHub failures, over real HTTP against the fake GitHub. Waits go through a
/// <see cref="FastForwardTimeProvider"/>: recorded (so the backoff and Retry-After can be checked), not slept.
/// </summary>
public sealed class GitHubTransientRetryTests : GitHubCodeHostFixture
{
    private const string GetRepository = "GET /repos/{owner}/{repo}";
    private const string CreatePull = "POST /repos/{owner}/{repo}/pulls";
    private const string UpdatePull = "PATCH /repos/{owner}/{repo}/pulls/{pull_number}";

    private readonly FastForwardTimeProvider _time = new();

    private static CancellationToken Cancel => CancellationToken.None;

    [Fact]
    public async Task A_read_answered_502_once_succeeds_with_the_second_request()
    {
        using var host = RetryingHost();
        GitHub.Faults.ServerError(status: 502, method: "GET", pathContains: "/repos/team/app");

        Assert.Equal("main", await host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(2, GitHub.RequestCounts[GetRepository]);
        Assert.Equal(0, GitHub.Faults.Pending);
        var wait = Assert.Single(_time.Delays);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.Contains(Logs.Lines, l => l.Contains("GET /api/v3/repos/team/app failed transiently (502); retry 1 of 2", StringComparison.Ordinal));
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Three_502s_fail_after_exactly_three_requests_naming_the_request()
    {
        using var host = RetryingHost();
        GitHub.Faults.ServerError(count: 3, status: 502, method: "GET", pathContains: "/repos/team/app");

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.Transient, error.Kind);
        Assert.Equal("GET /repos/team/app", error.Request);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, GitHub.RequestCounts[GetRepository]);
        Assert.Equal(0, GitHub.Faults.Pending);
        Assert.Collection(_time.Delays,
            first => Assert.InRange(first, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)),
            second => Assert.InRange(second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_pull_request_creation_answered_502_is_sent_exactly_once()
    {
        using var host = RetryingHost();
        await PushBranchAsync("refreshbot/repository");
        GitHub.Faults.ServerError(count: 3, status: 502, method: "POST", pathContains: "/repos/team/app/pulls");

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.CreateAsync(Tracked, Draft(), Cancel));

        Assert.Equal("POST /repos/team/app/pulls", error.Request);
        Assert.Equal(1, GitHub.RequestCounts[CreatePull]);
        Assert.Equal(2, GitHub.Faults.Pending);
        Assert.Empty(GitHub.PullRequests("team", "app"));
        Assert.Empty(_time.Delays);
        Assert.DoesNotContain(Logs.Lines, l => l.Contains("retry 1 of 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pull_request_creation_whose_connection_was_refused_is_sent_again_and_opens_one_pull_request()
    {
        var refused = new RefusedOnceHandler(HttpMethod.Post, "/repos/team/app/pulls");
        using var host = RetryingHost(refused);
        await PushBranchAsync("refreshbot/repository");

        var created = await host.CreateAsync(Tracked, Draft(), Cancel);

        Assert.Equal(1, refused.Refused);
        Assert.Equal(1, GitHub.RequestCounts[CreatePull]);
        Assert.Equal(created.Number, Assert.Single(GitHub.PullRequests("team", "app")).Number);
        Assert.Single(_time.Delays);
        Assert.Contains(Logs.Lines, l => l.Contains("POST /api/v3/repos/team/app/pulls failed transiently (connection failed (ConnectionError))", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pull_request_update_answered_502_is_retried()
    {
        using var host = RetryingHost();
        await PushBranchAsync("refreshbot/repository");
        var created = await host.CreateAsync(Tracked, Draft(), Cancel);
        GitHub.Faults.ServerError(status: 502, method: "PATCH", pathContains: "/repos/team/app/pulls/");

        await host.UpdateAsync(Tracked, created.Number, Draft(body: "body v2"), Cancel);

        Assert.Equal(2, GitHub.RequestCounts[UpdatePull]);
        Assert.Equal("body v2", GitHub.PullRequest("team", "app", created.Number).Body);
        Assert.Single(GitHub.PullRequests("team", "app"));
    }

    [Fact]
    public async Task Retry_after_on_a_503_is_waited_and_a_long_one_is_not_waited_in_the_cycle()
    {
        using var host = RetryingHost();
        GitHub.Faults.ServerError(status: 503, method: "GET", pathContains: "/repos/team/app", retryAfter: TimeSpan.FromSeconds(7));

        Assert.Equal("main", await host.GetDefaultBranchAsync(Tracked, Cancel));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_time.Delays));

        GitHub.ResetRequests();
        GitHub.Faults.ServerError(status: 503, method: "GET", pathContains: "/repos/team/app", retryAfter: TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.Transient, error.Kind);
        Assert.Equal(1, GitHub.RequestCounts[GetRepository]);
        Assert.Single(_time.Delays);
    }

    [Theory]
    [InlineData("primary", 403)]
    [InlineData("primary", 429)]
    [InlineData("secondary", 403)]
    [InlineData("secondary", 429)]
    public async Task Rate_limit_answers_are_not_retried(string limit, int status)
    {
        using var host = RetryingHost();
        if (limit == "primary")
        {
            GitHub.Faults.PrimaryRateLimit(TimeSpan.FromMinutes(5), count: 3, method: "GET", pathContains: "/repos/team/app", status: status);
        }
        else
        {
            GitHub.Faults.SecondaryRateLimit(TimeSpan.FromSeconds(1), count: 3, status: status, method: "GET", pathContains: "/repos/team/app");
        }

        var error = await Assert.ThrowsAsync<CodeHostException>(() => host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.Equal(CodeHostErrorKind.RateLimited, error.Kind);
        Assert.Equal(1, GitHub.RequestCounts[GetRepository]);
        Assert.Equal(2, GitHub.Faults.Pending);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task A_read_stalled_past_the_request_timeout_is_sent_again()
    {
        using var host = RetryingHost(timeout: TimeSpan.FromSeconds(1));
        var hold = GitHub.Holds.Add("GET", "/repos/team/app");

        Assert.Equal("main", await host.GetDefaultBranchAsync(Tracked, Cancel));

        Assert.True(hold.Reached.IsCompleted);
        Assert.Equal(2, GitHub.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/repos/team/app", StringComparison.Ordinal)));
        Assert.Contains(Logs.Lines, l => l.Contains("GET /api/v3/repos/team/app failed transiently (timed out after 00:00:01); retry 1 of 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pull_request_creation_whose_answer_stalls_is_not_sent_again_and_the_pull_request_it_made_is_adopted()
    {
        using var host = RetryingHost(timeout: TimeSpan.FromSeconds(1));
        await PushBranchAsync("refreshbot/repository");
        var hold = GitHub.Holds.Add("POST", "/repos/team/app/pulls", Testing.Holds.HoldPoint.AfterHandling);

        var created = await host.CreateAsync(Tracked, Draft(), Cancel);

        Assert.True(hold.Reached.IsCompleted);
        Assert.Equal(created.Number, Assert.Single(GitHub.PullRequests("team", "app")).Number);
        Assert.Equal(1, GitHub.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/repos/team/app/pulls", StringComparison.Ordinal)));
        Assert.Empty(_time.Delays);
        hold.Release();
    }

    [Fact]
    public async Task Cancellation_during_the_backoff_ends_the_call()
    {
        var slow = new FastForwardTimeProvider(scale: 1000); // the first backoff would last over 8 minutes
        using var host = new GitHubCodeHost(new GitHubOptions { ApiUrl = GitHub.BaseUri, Token = Token }, Logs, slow);
        GitHub.Faults.ServerError(count: 3, status: 502, method: "GET", pathContains: "/repos/team/app");
        using var cancel = new CancellationTokenSource();

        var call = host.GetDefaultBranchAsync(Tracked, cancel.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (slow.Delays.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        Assert.Same(call, await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(60))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, GitHub.RequestCounts[GetRepository]);
    }

    private GitHubCodeHost RetryingHost(HttpMessageHandler? handler = null, TimeSpan? timeout = null) =>
        new(new GitHubOptions { ApiUrl = GitHub.BaseUri, Token = Token, RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) }, Logs, _time, handler);
}
