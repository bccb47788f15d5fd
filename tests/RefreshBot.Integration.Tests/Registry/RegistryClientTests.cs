using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>RegistryClient against a real distribution registry without auth, measured through a CountingProxy.</summary>
public sealed class RegistryClientTests : IAsyncLifetime
{
    private ProxiedRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await ProxiedRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    private ImageReference Image(string path) => new(_registry.Host, path, null, null);

    private RegistryClient Client(long maxManifestBytes = 4 * 1024 * 1024) =>
        RegistryClient.Create(new RegistryClientOptions { MaxManifestBytes = maxManifestBytes, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task Head_of_a_tag_returns_digest_media_type_and_size_with_one_HEAD_and_no_GET()
    {
        var pushed = await _registry.Pusher.PushImageAsync("team/app", "1.0", format: ManifestFormat.Docker);
        using var client = Client();

        var descriptor = await client.HeadManifestAsync(Image("team/app"), "1.0", CancellationToken.None);

        Assert.Equal(pushed.Digest, descriptor.Digest);
        Assert.Equal(MediaTypes.DockerManifest, descriptor.MediaType);
        Assert.Equal(pushed.Size, descriptor.Size);
        Assert.Equal(1, _registry.Proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(0, _registry.Proxy.Count(RequestKind.GetManifest));
        Assert.Equal(1, _registry.Proxy.Total);
    }

    [Theory]
    [InlineData(ManifestFormat.Oci)]
    [InlineData(ManifestFormat.Docker)]
    public async Task Multi_platform_index_head_gives_index_digest_and_get_returns_verified_bytes(ManifestFormat format)
    {
        var arm = new Platform("linux", "arm64", "v8");
        var index = await _registry.Pusher.PushIndexAsync("multi", "stable", [Platform.LinuxAmd64, arm], format);
        using var client = Client();

        var head = await client.HeadManifestAsync(Image("multi"), "stable", CancellationToken.None);
        var fetched = await client.GetManifestAsync(Image("multi"), "stable", CancellationToken.None);
        var child = await client.GetManifestAsync(Image("multi"), index.For(arm).Digest.ToString(), CancellationToken.None);

        Assert.Equal(index.Digest, head.Digest);
        Assert.Equal(MediaTypes.Index(format), head.MediaType);
        Assert.Equal(index.Index.Content, fetched.Content.ToArray());
        Assert.Equal(index.Digest, fetched.Descriptor.Digest);
        Assert.Equal(index.For(arm).Content, child.Content.ToArray());
        Assert.Equal(MediaTypes.Manifest(format), child.Descriptor.MediaType);
        Assert.Equal(1, _registry.Proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(2, _registry.Proxy.Count(RequestKind.GetManifest));
    }

    [Fact]
    public async Task A_tag_moved_between_two_lookups_is_seen_and_index_churn_keeps_the_amd64_child()
    {
        var arm = new Platform("linux", "arm64", "v8");
        var before = await _registry.Pusher.PushIndexAsync("moving", "latest", [Platform.LinuxAmd64, arm]);
        using var client = Client();
        var first = await client.HeadManifestAsync(Image("moving"), "latest", CancellationToken.None);

        var after = await _registry.Pusher.PushIndexChurnAsync("moving", "latest", before, keep: Platform.LinuxAmd64);
        var second = await client.HeadManifestAsync(Image("moving"), "latest", CancellationToken.None);
        var fetched = await client.GetManifestAsync(Image("moving"), "latest", CancellationToken.None);

        Assert.Equal(before.Digest, first.Digest);
        Assert.Equal(after.Digest, second.Digest);
        Assert.NotEqual(first.Digest, second.Digest);
        Assert.Equal(before.For(Platform.LinuxAmd64).Digest, after.For(Platform.LinuxAmd64).Digest);
        Assert.NotEqual(before.For(arm).Digest, after.For(arm).Digest);
        Assert.Contains(before.For(Platform.LinuxAmd64).Digest.ToString(), System.Text.Encoding.UTF8.GetString(fetched.Content.Span));
    }

    [Fact]
    public async Task Unknown_tag_and_unknown_repository_are_NotFound_naming_registry_and_reference()
    {
        await _registry.Pusher.PushImageAsync("known", "1");
        using var client = Client();

        var tag = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(Image("known"), "2", CancellationToken.None));
        var repo = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Image("nothing/here"), "1", CancellationToken.None));

        Assert.Equal(RegistryErrorKind.NotFound, tag.Kind);
        Assert.Equal(_registry.Host, tag.Registry);
        Assert.Equal($"{_registry.Host}/known:2", tag.Reference);
        Assert.Contains("404", tag.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.NotFound, repo.Kind);
        Assert.Contains("MANIFEST_UNKNOWN: manifest unknown", repo.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_altered_in_transit_is_Invalid_for_tag_and_digest_requests()
    {
        var pushed = await _registry.Pusher.PushImageAsync("tampered", "1");
        _registry.Proxy.CorruptManifestBodies = true;
        using var client = Client();

        var byTag = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Image("tampered"), "1", CancellationToken.None));
        var byDigest = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Image("tampered"), pushed.Digest.ToString(), CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Invalid, byTag.Kind);
        Assert.Contains("do not hash", byTag.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.Invalid, byDigest.Kind);
        Assert.Contains("tampered@" + pushed.Digest, byDigest.Reference, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Oversized_manifest_is_Invalid_even_without_Content_Length(bool omitContentLength)
    {
        var annotations = Enumerable.Range(0, 40).ToDictionary(i => "org.example.note." + i, _ => new string('x', 100));
        var index = await _registry.Pusher.PushIndexAsync("big", "1", [Platform.LinuxAmd64], annotations: annotations);
        Assert.True(index.Index.Size > 4096);
        _registry.Proxy.OmitContentLength = omitContentLength;
        using var client = Client(maxManifestBytes: 2048);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Image("big"), "1", CancellationToken.None));
        var head = await client.HeadManifestAsync(Image("big"), "1", CancellationToken.None);

        Assert.Equal(RegistryErrorKind.Invalid, error.Kind);
        Assert.Contains("2048 byte limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(index.Digest, head.Digest);
    }
}
