using System.Net;
using RefreshBot.Domain.Platforms;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Tokens;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>The test infrastructure itself works against the real registry (pushes land, auth is enforced).</summary>
public sealed class FixtureTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("basic")]
    [InlineData("token")]
    public async Task Pusher_stores_an_index_that_the_registry_serves_and_auth_is_enforced(string mode)
    {
        await using var tokens = await TokenServer.StartAsync(new TokenServerOptions { Users = new Dictionary<string, string> { ["alice"] = "s3cret" } });
        RegistryAuth auth = mode switch
        {
            "basic" => new RegistryAuth.Basic("alice", "s3cret"),
            "token" => new RegistryAuth.Token(tokens),
            _ => new RegistryAuth.None(),
        };
        await using var registry = await RegistryServer.StartAsync(auth);
        using var pusher = new ImagePusher(registry.BaseUri, "alice", "s3cret");

        var index = await pusher.PushIndexAsync("team/app", "1", [Platform.LinuxAmd64, new Platform("linux", "arm64", "v8")]);

        using var http = new HttpClient();
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(registry.BaseUri, "v2/team/app/manifests/1"));
        head.Headers.Accept.ParseAdd(MediaTypes.OciIndex);
        using var response = await http.SendAsync(head);
        if (mode == "none")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(index.Digest.ToString(), response.Headers.GetValues("Docker-Content-Digest").Single());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(mode == "basic" ? "Basic" : "Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(mode == "token", tokens.RequestCount > 0);
    }

    [Fact]
    public async Task Proxy_counts_by_kind_and_injects_faults()
    {
        await using var registry = await RegistryServer.StartAsync();
        await using var proxy = await CountingProxy.StartAsync(registry.BaseUri);
        using var pusher = new ImagePusher(registry.BaseUri);
        var image = await pusher.PushImageAsync("app", "v1");
        proxy.Inject(ProxyFault.TooManyRequests("3"), times: 1, RequestKind.HeadManifest);

        using var http = new HttpClient();
        var url = new Uri(proxy.BaseUri, "v2/app/manifests/v1");
        using var first = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        using var second = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url) { Headers = { { "Accept", MediaTypes.OciManifest } } });
        using var third = await http.GetAsync(url);

        Assert.Equal(429, (int)first.StatusCode);
        Assert.Equal("3", first.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(image.Digest.ToString(), second.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(2, proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(1, proxy.Count(RequestKind.GetManifest));
    }
}
