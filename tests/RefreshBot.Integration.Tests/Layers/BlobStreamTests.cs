using System.Security.Cryptography;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary><see cref="RegistryClient.OpenBlobAsync"/>: streamed, verified at the end, redirects followed, errors typed.</summary>
public sealed class BlobStreamTests : ProxiedRegistryClientTests
{
    private async Task<(ImageReference Image, Digest Digest, byte[] Content)> PushAsync()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        await _registry.Pusher.PushBlobAsync("blobs/repo", content);
        return (new ImageReference(_registry.Host, "blobs/repo", null, null), Digest.Sha256Of(content), content);
    }

    [Fact]
    public async Task A_blob_streams_its_exact_bytes_with_one_GET()
    {
        var (image, digest, content) = await PushAsync();

        await using var stream = await _client.OpenBlobAsync(image, digest, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(1, _registry.Proxy.Count(RequestKind.GetBlob));
    }

    [Fact]
    public async Task A_corrupted_body_fails_at_its_end_as_Invalid()
    {
        var (image, digest, _) = await PushAsync();
        _registry.Proxy.CorruptBlobBodies = true;

        await using var stream = await _client.OpenBlobAsync(image, digest, CancellationToken.None);
        var e = await Assert.ThrowsAsync<RegistryException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(RegistryErrorKind.Invalid, e.Kind);
        Assert.Contains(digest.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_followed_to_the_storage_without_the_registry_pipeline()
    {
        var (image, digest, content) = await PushAsync();
        var storage = new Uri(_registry.Registry.BaseUri, $"v2/blobs/repo/blobs/{digest}");
        _registry.Proxy.Inject(new ProxyFault(307, Headers: new Dictionary<string, string> { ["Location"] = storage.ToString() }), kind: RequestKind.GetBlob);

        await using var stream = await _client.OpenBlobAsync(image, digest, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(1, _registry.Proxy.Count(RequestKind.GetBlob));
    }

    [Fact]
    public async Task An_unknown_blob_is_NotFound()
    {
        var image = new ImageReference(_registry.Host, "blobs/repo", null, null);
        await _registry.Pusher.PushBlobAsync("blobs/repo", [1, 2, 3]);

        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            _client.OpenBlobAsync(image, Digest.Sha256Of([9, 9, 9]), CancellationToken.None));

        Assert.Equal(RegistryErrorKind.NotFound, e.Kind);
        Assert.Contains("GET blob answered 404", e.Message, StringComparison.Ordinal);
    }
}
