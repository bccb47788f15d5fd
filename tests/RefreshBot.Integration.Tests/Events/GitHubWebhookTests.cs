using System.Security.Cryptography;
using System.Text;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>POST /events/github over HTTP: signatures (GitHub's documented vector), ping, push and pull_request routing.</summary>
public sealed class GitHubWebhookTests : IAsyncLifetime
{
    private EventServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await EventServer.StartAsync(EventFleets.Settings(), [EventFleets.GitHub("team/app"), EventFleets.GitHub("team/lib", branch: "release")]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>, as GitHub sends it.</summary>
    private static string Sign(string body, string secret = EventFleets.GitHubSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private Task<(int Status, string Body)> DeliverAsync(string kind, string body, string? signature = null) =>
        _server.PostAsync("events/github", body, ("X-GitHub-Event", kind), ("X-Hub-Signature-256", signature ?? Sign(body)));

    private static string Push(string repository, string @ref, string defaultBranch = "main") =>
        $$$"""{"ref":"{{{@ref}}}","before":"0000","after":"1111","repository":{"full_name":"{{{repository}}}","default_branch":"{{{defaultBranch}}}"}}""";

    private static string PullRequest(string repository, string action, bool merged) =>
        $$$"""{"action":"{{{action}}}","number":7,"pull_request":{"merged":{{{(merged ? "true" : "false")}}}},"repository":{"full_name":"{{{repository}}}","default_branch":"main"}}""";

    [Fact]
    public async Task The_signature_is_GitHubs_documented_HMAC_of_the_raw_body()
    {
        // GitHub's docs ("Validating webhook deliveries"): this secret and payload give this signature.
        const string Documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        Assert.Equal(Documented, Sign("Hello, World!", "It's a Secret to Everybody"));

        // The endpoint accepts it (and then finds the body is not JSON), and refuses the same body with another signature.
        var good = await _server.PostAsync("events/github", "Hello, World!", ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", Documented));
        var bad = await _server.PostAsync("events/github", "Hello, World!", ("X-GitHub-Event", "ping"),
            ("X-Hub-Signature-256", Documented[..^1] + "f"));

        Assert.Equal(400, good.Status);
        Assert.Contains("malformed JSON at line 1", good.Body);
        Assert.Equal(401, bad.Status);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Theory]
    [InlineData("missing", "missing X-Hub-Signature-256 header")]
    [InlineData("wrong-secret", "X-Hub-Signature-256 does not match the body")]
    [InlineData("sha1", "X-Hub-Signature-256 does not match the body")]
    [InlineData("not-hex", "X-Hub-Signature-256 does not match the body")]
    [InlineData("other-body", "X-Hub-Signature-256 does not match the body")]
    public async Task A_bad_or_missing_signature_is_401_and_logged_without_secret_or_body(string how, string reason)
    {
        var body = Push("team/app", "refs/heads/main");
        var signature = how switch
        {
            "missing" => null,
            "wrong-secret" => Sign(body, "not the secret"),
            "sha1" => "sha1=" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(body))),
            "not-hex" => "sha256=" + new string('z', 64),
            _ => Sign(body + " "),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "events/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        Assert.Empty(_server.Trigger.Requests);
        var warning = Assert.Single(_server.Logs.Lines, l => l.Contains("Rejected github event", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning);
        Assert.Contains($"Rejected github event from 127.0.0.1 with 401: {reason}", warning);
        Assert.DoesNotContain(EventFleets.GitHubSecret, _server.Logs.AllText);
        Assert.DoesNotContain("refs/heads/main", _server.Logs.AllText);
    }

    [Fact]
    public async Task Ping_is_answered_200()
    {
        var (status, body) = await DeliverAsync("ping", """{"zen":"Keep it logically awesome.","hook_id":1}""");

        Assert.Equal(200, status);
        Assert.Contains("\"result\":\"pong\"", body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Fact]
    public async Task A_push_to_the_target_branch_requests_that_repository_once_pending()
    {
        var first = await DeliverAsync("push", Push("Team/App", "refs/heads/main"));
        var second = await DeliverAsync("push", Push("team/app", "refs/heads/main"));

        Assert.Equal((202, true), (first.Status, first.Body.Contains("\"result\":\"requested\"", StringComparison.Ordinal)));
        Assert.Equal((202, true), (second.Status, second.Body.Contains("\"result\":\"already-pending\"", StringComparison.Ordinal)));
        Assert.Equal(["team/app", "team/app"], _server.Trigger.Requests.Select(r => r.Repository));
        Assert.Equal("github push to refs/heads/main", _server.Trigger.Requests[0].Reason);
    }

    [Fact]
    public async Task A_push_to_the_configured_branch_counts_not_to_the_default_one()
    {
        var toDefault = await DeliverAsync("push", Push("team/lib", "refs/heads/main"));
        var toRelease = await DeliverAsync("push", Push("team/lib", "refs/heads/release"));

        Assert.Equal(202, toDefault.Status);
        Assert.Contains("\"result\":\"ignored\"", toDefault.Body);
        Assert.Equal(202, toRelease.Status);
        Assert.Contains("\"result\":\"requested\"", toRelease.Body);
        Assert.Equal(["team/lib"], _server.Trigger.Requests.Select(r => r.Repository));
    }

    [Theory]
    [InlineData("push", "team/app", "refs/heads/feature", "does not concern a refresh")]
    [InlineData("push", "team/app", "refs/tags/v1", "does not concern a refresh")]
    [InlineData("push", "someone/else", "refs/heads/main", "not a tracked repository")]
    [InlineData("issues", "team/app", "refs/heads/main", "issues does not concern a refresh")]
    public async Task Other_pushes_and_events_are_ignored_with_202(string kind, string repository, string @ref, string reason)
    {
        var (status, body) = await DeliverAsync(kind, Push(repository, @ref));

        Assert.Equal(202, status);
        Assert.Contains("\"result\":\"ignored\"", body);
        Assert.Contains(reason, body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Theory]
    [InlineData("closed", true, true)]
    [InlineData("closed", false, true)]
    [InlineData("opened", false, false)]
    [InlineData("synchronize", false, false)]
    public async Task A_closed_pull_request_merged_or_not_requests_the_repository(string action, bool merged, bool requested)
    {
        var (status, body) = await DeliverAsync("pull_request", PullRequest("team/app", action, merged));

        Assert.Equal(202, status);
        Assert.Contains(requested ? "\"result\":\"requested\"" : "\"result\":\"ignored\"", body);
        Assert.Equal(requested ? ["team/app"] : [], _server.Trigger.Requests.Select(r => r.Repository));
        if (requested)
        {
            Assert.Equal("github pull request #7 closed", _server.Trigger.Requests[0].Reason);
        }
    }

    [Fact]
    public async Task Signed_malformed_JSON_is_400_with_where()
    {
        var (status, body) = await DeliverAsync("push", "{\"ref\": \"refs/heads/main\",\n \"repository\": {");

        Assert.Equal(400, status);
        Assert.Contains("malformed JSON at line 2", body);
    }

    [Fact]
    public async Task Without_a_configured_secret_the_endpoint_is_not_served()
    {
        await using var bare = await EventServer.StartAsync(EventSettings.Disabled with { TriggerToken = new SecretText("x") });
        var body = Push("team/app", "refs/heads/main");

        var (status, _) = await bare.PostAsync("events/github", body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Sign(body)));
        var (registryStatus, _) = await bare.PostAsync("events/registry", "{\"events\":[]}", ("Authorization", EventFleets.RegistrySecret));

        Assert.Equal(404, status);
        Assert.Equal(404, registryStatus);
    }
}
