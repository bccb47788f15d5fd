using System.Net;
using Octokit;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>Injected outages and rate limits reach Octokit as the exceptions GitHub's real answers produce.</summary>
public sealed class FakeGitHubFaultTests : FakeGitHubFixture
{
    [Fact]
    public async Task Primary_rate_limit_surfaces_as_RateLimitExceededException_with_the_reset_time()
    {
        GitHub.Faults.PrimaryRateLimit(TimeSpan.FromMinutes(7), pathContains: "/pulls");

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => Client().PullRequest.GetAllForRepository("team", "app"));
        var after = await Client().PullRequest.GetAllForRepository("team", "app");

        Assert.Equal(0, error.Remaining);
        Assert.InRange(error.Reset - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(8));
        Assert.Empty(after);
        Assert.Equal(0, GitHub.Faults.Pending);
    }

    [Fact]
    public async Task Secondary_rate_limit_403_surfaces_as_SecondaryRateLimitExceededException_with_Retry_After()
    {
        GitHub.Faults.SecondaryRateLimit(TimeSpan.FromSeconds(60), method: "POST", pathContains: "/pulls");
        await PushBranchAsync("refreshbot/all");

        var error = await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() =>
            Client().PullRequest.Create("team", "app", new NewPullRequest("t", "refreshbot/all", "main")));

        Assert.Equal("60", error.HttpResponse.Headers.Single(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.Empty(GitHub.PullRequests("team", "app"));
        await Client().PullRequest.Create("team", "app", new NewPullRequest("t", "refreshbot/all", "main"));
        Assert.Single(GitHub.PullRequests("team", "app"));
    }

    [Fact]
    public async Task Secondary_rate_limit_429_and_server_errors_are_ApiExceptions_with_their_status()
    {
        GitHub.Faults.SecondaryRateLimit(TimeSpan.FromSeconds(30), status: 429);
        GitHub.Faults.ServerError(status: 502);
        GitHub.Faults.ServerError(count: 2, status: 500, method: "GET", pathContains: "/repos/team/app");

        var tooMany = await Assert.ThrowsAsync<ApiException>(() => Client().Repository.Get("team", "app"));
        var badGateway = await Assert.ThrowsAsync<ApiException>(() => Client().Repository.Get("team", "app"));
        var serverError = await Assert.ThrowsAsync<ApiException>(() => Client().Repository.Get("team", "app"));

        Assert.Equal((HttpStatusCode)429, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, badGateway.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Equal(1, GitHub.Faults.Pending);
        Assert.Equal(3, GitHub.Requests.Count(r => r.Status >= 429));
    }

    [Fact]
    public async Task Faults_only_hit_matching_requests()
    {
        GitHub.Faults.NotFound(method: "PATCH");
        GitHub.Faults.ValidationFailed(method: "POST", pathContains: "/labels");

        var repository = await Client().Repository.Get("team", "app");
        await PushBranchAsync("refreshbot/all");
        var pull = await Client().PullRequest.Create("team", "app", new NewPullRequest("t", "refreshbot/all", "main"));
        await Assert.ThrowsAsync<ApiValidationException>(() => Client().Issue.Labels.AddToIssue("team", "app", pull.Number, ["x"]));
        await Assert.ThrowsAsync<NotFoundException>(() => Client().PullRequest.Update("team", "app", pull.Number, new PullRequestUpdate { Title = "u" }));

        Assert.Equal("app", repository.Name);
        Assert.Equal(0, GitHub.Faults.Pending);
        Assert.Empty(GitHub.PullRequest("team", "app", pull.Number).Labels);
    }
}
