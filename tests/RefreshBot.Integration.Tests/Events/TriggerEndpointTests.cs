using System.Net.Http.Headers;
using System.Text;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>POST /trigger over HTTP: bearer token, one repository (query or JSON), unknown → 404, none → all; body limits.</summary>
public sealed class TriggerEndpointTests : IAsyncLifetime
{
    private static readonly (string, string) Bearer = ("Authorization", "Bearer " + EventFleets.TriggerToken);

    private EventServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await EventServer.StartAsync(EventFleets.Settings(), [EventFleets.GitHub("team/app"), EventFleets.GitHub("team/lib"), EventFleets.GitHub("team/web")]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null, "missing Authorization header")]
    [InlineData("Bearer not-the-token", "wrong token")]
    [InlineData("Bearer trigger-s3cret-toke", "wrong token")]
    [InlineData("Basic dHJpZ2dlci1zM2NyZXQtdG9rZW4=", "Authorization is not a Bearer token")]
    [InlineData("trigger-s3cret-token", "Authorization is not a Bearer token")]
    public async Task Without_the_bearer_token_it_is_401_and_nothing_is_requested(string? authorization, string reason)
    {
        var headers = authorization is null ? Array.Empty<(string, string)>() : [("Authorization", authorization)];

        var (status, body) = await _server.PostAsync("trigger?repository=team/app", "", headers);

        Assert.Equal(401, status);
        Assert.Contains(reason, body);
        Assert.Empty(_server.Trigger.Requests);
        Assert.Contains(_server.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Rejected trigger event from 127.0.0.1 with 401: {reason}", StringComparison.Ordinal));
        Assert.DoesNotContain(EventFleets.TriggerToken, _server.Logs.AllText);
    }

    [Fact]
    public async Task One_repository_by_query_then_by_JSON_body()
    {
        var byQuery = await _server.PostAsync("trigger?repository=team/lib", "", Bearer);
        var byBody = await _server.PostAsync("trigger", """{"repository":"team/lib"}""", Bearer);

        Assert.Equal(202, byQuery.Status);
        Assert.Equal("""{"requested":1,"alreadyPending":0,"repositories":["team/lib"]}""", byQuery.Body);
        Assert.Equal(202, byBody.Status);
        Assert.Equal("""{"requested":0,"alreadyPending":1,"repositories":["team/lib"]}""", byBody.Body);
        Assert.Equal([("team/lib", "manual trigger"), ("team/lib", "manual trigger")], _server.Trigger.Requests);
    }

    [Fact]
    public async Task An_unknown_repository_is_404()
    {
        var (status, body) = await _server.PostAsync("trigger?repository=team/nope", "", Bearer);

        Assert.Equal(404, status);
        Assert.Contains("no tracked repository has the id 'team/nope'", body);
        Assert.Empty(_server.Trigger.Pending);
    }

    [Fact]
    public async Task No_repository_requests_all_of_them()
    {
        await _server.PostAsync("trigger?repository=team/web", "", Bearer);

        var (status, body) = await _server.PostAsync("trigger", "", Bearer);

        Assert.Equal(202, status);
        Assert.Equal("""{"requested":2,"alreadyPending":1,"repositories":["team/app","team/lib","team/web"]}""", body);
        Assert.Equal(["team/app", "team/lib", "team/web"], _server.Trigger.Pending);
    }

    [Theory]
    [InlineData("{\"repository\": ", "malformed JSON at line 1")]
    [InlineData("[\"team/app\"]", "expected a JSON object")]
    [InlineData("{\"repository\": 7}", "expected \\\"repository\\\" to be a string")]
    public async Task A_malformed_body_is_400(string json, string problem)
    {
        var (status, body) = await _server.PostAsync("trigger", json, Bearer);

        Assert.Equal(400, status);
        Assert.Contains(problem, body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_one_MiB_is_413_with_or_without_a_length(bool withLength)
    {
        var big = Encoding.UTF8.GetBytes("{\"repository\":\"team/app\",\"pad\":\"" + new string('x', 1024 * 1024) + "\"}");
        HttpContent content = withLength ? new ByteArrayContent(big) : new StreamContent(new UnknownLengthStream(big));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, body) = await _server.PostAsync("trigger", content, Bearer);

        Assert.Equal(413, status);
        Assert.Contains("body larger than 1048576 bytes", body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Fact]
    public async Task A_body_of_exactly_one_MiB_is_read()
    {
        var json = "{\"repository\":\"team/app\",\"pad\":\"\"}";
        json = json.Insert(json.Length - 2, new string('x', 1024 * 1024 - json.Length));

        var (status, _) = await _server.PostAsync("trigger", json, Bearer);

        Assert.Equal(202, status);
        Assert.Equal(["team/app"], _server.Trigger.Pending);
    }

    /// <summary>A stream whose length is unknown, so the request is sent chunked (no Content-Length).</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
