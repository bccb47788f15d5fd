using System.Net.Http.Headers;
using System.Text;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>
/// POST /events/registry with notification envelopes as CNCF distribution writes them: which events count (tagged
/// manifest pushes), how images are matched (normalized name, else the path for an unknown host alias), the summary.
/// </summary>
public sealed class RegistryEnvelopeTests : IAsyncLifetime
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private readonly InMemoryImageUsage _usage = new();
    private EventServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await EventServer.StartAsync(EventFleets.Settings(),
            [EventFleets.GitHub("team/app"), EventFleets.GitHub("team/web"), EventFleets.GitHub("team/hub")], usage: _usage);
        _usage
            .Uses("team/app", "registry.example:5000/team/base:1")
            .Uses("team/web", "registry.example:5000/team/base:1", "registry.example:5000/team/base:2")
            .Uses("team/hub", "docker.io/library/node:22");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Event(string action, string mediaType, string repository, string? tag, string host = "registry.example:5000") =>
        $$$"""
        {"id":"{{{Guid.NewGuid()}}}","timestamp":"2026-11-27T05:00:00Z","action":"{{{action}}}",
         "target":{"mediaType":"{{{mediaType}}}","size":527,"digest":"sha256:{{{new string('a', 64)}}}","length":527,"repository":"{{{repository}}}",
                   "url":"http://{{{host}}}/v2/{{{repository}}}/manifests/sha256:{{{new string('a', 64)}}}"{{{(tag is null ? "" : $",\"tag\":\"{tag}\"")}}}},
         "request":{"id":"r1","addr":"127.0.0.1:4242","host":"{{{host}}}","method":"PUT","useragent":"test"},
         "actor":{},"source":{"addr":"registry:5000","instanceID":"i1"}}
        """;

    private Task<(int Status, string Body)> NotifyAsync(params string[] events)
    {
        var content = new StringContent("{\"events\":[" + string.Join(",", events) + "]}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.docker.distribution.events.v1+json");
        return _server.PostAsync("events/registry", content, ("Authorization", EventFleets.RegistrySecret));
    }

    [Fact]
    public async Task A_tagged_manifest_push_requests_every_repository_using_that_image_and_tag_once()
    {
        var (status, body) = await NotifyAsync(
            Event("push", ManifestType, "team/base", "1"),
            Event("push", "application/vnd.docker.distribution.manifest.list.v2+json", "team/base", "1"));

        Assert.Equal(202, status);
        Assert.Equal("""{"pushes":2,"requested":2,"alreadyPending":0,"repositories":["team/app","team/web"]}""", body);
        Assert.Equal(["team/app", "team/web"], _server.Trigger.Requests.Select(r => r.Repository));
        Assert.Equal("registry push registry.example:5000/team/base:1", _server.Trigger.Requests[0].Reason);
    }

    [Fact]
    public async Task A_second_notification_finds_them_already_pending()
    {
        await NotifyAsync(Event("push", ManifestType, "team/base", "2"));

        var (status, body) = await NotifyAsync(Event("push", ManifestType, "team/base", "2"));

        Assert.Equal(202, status);
        Assert.Equal("""{"pushes":1,"requested":0,"alreadyPending":1,"repositories":["team/web"]}""", body);
    }

    [Theory]
    [InlineData("pull", ManifestType, "1")]
    [InlineData("delete", ManifestType, "1")]
    [InlineData("push", "application/octet-stream", null)]
    [InlineData("push", "application/vnd.oci.image.layer.v1.tar+gzip", null)]
    [InlineData("push", ManifestType, null)]
    [InlineData("push", ManifestType, "3")]
    public async Task Blob_pushes_pulls_deletes_untagged_or_unused_pushes_request_nothing(string action, string mediaType, string? tag)
    {
        var (status, body) = await NotifyAsync(Event(action, mediaType, "team/base", tag));

        Assert.Equal(202, status);
        Assert.EndsWith("\"requested\":0,\"alreadyPending\":0,\"repositories\":[]}", body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Fact]
    public async Task Docker_Hub_names_are_normalized()
    {
        var (status, body) = await NotifyAsync(Event("push", ManifestType, "library/node", "22", host: "index.docker.io"));

        Assert.Equal(202, status);
        Assert.Contains("\"repositories\":[\"team/hub\"]", body);
    }

    [Fact]
    public async Task An_unknown_host_is_taken_for_an_alias_and_matched_by_path()
    {
        var (status, body) = await NotifyAsync(Event("push", ManifestType, "team/base", "1", host: "registry-internal.example"));

        Assert.Equal(202, status);
        Assert.Contains("\"repositories\":[\"team/app\",\"team/web\"]", body);
        Assert.Equal("registry push team/base:1 (host registry-internal.example matched by path)", _server.Trigger.Requests[0].Reason);
    }

    [Fact]
    public async Task A_known_host_is_not_matched_by_path()
    {
        _usage.Uses("team/hub", "docker.io/library/node:22", "ghcr.io/acme/base:1");

        var (_, body) = await NotifyAsync(Event("push", ManifestType, "team/base", "1", host: "ghcr.io"));

        Assert.Contains("\"repositories\":[]", body);
        Assert.Empty(_server.Trigger.Requests);
    }

    [Theory]
    [InlineData("{\"events\": [", "malformed JSON")]
    [InlineData("{\"event\": []}", "expected a notification envelope")]
    [InlineData("[]", "expected a notification envelope")]
    public async Task Malformed_envelopes_are_400(string json, string problem)
    {
        var (status, body) = await _server.PostAsync("events/registry", json, ("Authorization", EventFleets.RegistrySecret));

        Assert.Equal(400, status);
        Assert.Contains(problem, body);
    }

    [Fact]
    public async Task A_missing_secret_is_401_and_a_huge_body_413()
    {
        var missing = await _server.PostAsync("events/registry", "{\"events\":[]}");
        var huge = await _server.PostAsync("events/registry", "{\"events\":[" + string.Join(",", Enumerable.Repeat(Event("pull", ManifestType, "team/base", "1"), 3000)) + "]}",
            ("Authorization", "Bearer " + EventFleets.RegistrySecret));

        Assert.Equal(401, missing.Status);
        Assert.Contains("missing Authorization header", missing.Body);
        Assert.Equal(413, huge.Status);
    }
}
