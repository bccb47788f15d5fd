using System.Security.Cryptography;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Integration.Tests.Layers;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>
/// Bodies that stall half-way (blob and layer streams, error bodies): each read must make progress within the
/// request timeout, or fails naming the registry, <c>repository@digest</c> and "no data within N s". Tested at the
/// client (and layer inspector): cycles read blobs only when building is enabled (the old base's package inventory).
/// </summary>
public sealed class RegistryBodyStallTests : IAsyncLifetime
{
    /// <summary>Long enough that a hang (no idle timeout) fails the test instead of blocking the run.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private ProxiedRegistry _registry = null!;
    private RegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await ProxiedRegistry.StartAsync();
        _client = RegistryClient.Create(new RegistryClientOptions { RequestTimeout = TimeSpan.FromSeconds(1), RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _registry.DisposeAsync();
    }

    private async Task<(ImageReference Image, Digest Digest)> PushBlobAsync()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        await _registry.Pusher.PushBlobAsync("blobs/repo", content);
        return (new ImageReference(_registry.Host, "blobs/repo", null, null), Digest.Sha256Of(content));
    }

    [Fact]
    public async Task A_blob_body_that_stalls_half_way_fails_the_read_naming_the_blob()
    {
        var (image, digest) = await PushBlobAsync();
        _registry.Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallBody), kind: RequestKind.GetBlob);

        await using var stream = await _client.OpenBlobAsync(image, digest, CancellationToken.None);
        var e = await Assert.ThrowsAsync<RegistryException>(() => stream.CopyToAsync(Stream.Null).WaitAsync(Deadline));

        Assert.Equal(RegistryErrorKind.Transient, e.Kind);
        Assert.Contains($"{_registry.Host}/blobs/repo@{digest}", e.Message, StringComparison.Ordinal);
        Assert.Contains("no data within 1 s while reading the blob after ", e.Message, StringComparison.Ordinal);
        Assert.Contains(_registry.Proxy.Requests, r => r.Kind == RequestKind.GetBlob && r.Injected);
    }

    [Fact]
    public async Task A_stalled_blob_read_synchronously_fails_the_same_way()
    {
        var (image, digest) = await PushBlobAsync();
        _registry.Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallBody), kind: RequestKind.GetBlob);

        await using var stream = await _client.OpenBlobAsync(image, digest, CancellationToken.None);
        var e = await Assert.ThrowsAsync<RegistryException>(() => Task.Run(() => stream.CopyTo(Stream.Null)).WaitAsync(Deadline));

        Assert.Equal(RegistryErrorKind.Transient, e.Kind);
        Assert.Contains("no data within 1 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layer_inspection_of_an_image_whose_layer_stalls_fails_instead_of_hanging()
    {
        var layers = new[] { LayerBlob.Gzip(SampleLayers.Base()), LayerBlob.Gzip(SampleLayers.Upgrade()) };
        var pushed = await _registry.Pusher.PushLayersAsync("os/debian", "12", layers);
        _registry.Proxy.Inject(ProxyFault.Of(ProxyFaultMode.StallBody), kind: RequestKind.GetBlob, pathContains: layers[1].Digest);
        var image = new ImageReference(_registry.Host, "os/debian", null, null);

        var e = await Assert.ThrowsAsync<ImageInspectionException>(() =>
            new LayerInspector(_client).InspectRemoteAsync(image, pushed.Digest, CancellationToken.None).WaitAsync(Deadline));

        Assert.IsType<RegistryException>(e.InnerException);
        Assert.Contains($"{_registry.Host}/os/debian@{layers[1].Digest}", e.Message, StringComparison.Ordinal);
        Assert.Contains("no data within 1 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_that_stalls_still_gives_the_status_and_says_the_body_stalled()
    {
        var (image, digest) = await PushBlobAsync();
        _registry.Proxy.Inject(new ProxyFault(404, Body: """{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}""", Mode: ProxyFaultMode.StallErrorBody),
            kind: RequestKind.GetBlob);

        var e = await Assert.ThrowsAsync<RegistryException>(() => _client.OpenBlobAsync(image, digest, CancellationToken.None).WaitAsync(Deadline));

        Assert.Equal(RegistryErrorKind.NotFound, e.Kind);
        Assert.Contains($"{_registry.Host}/blobs/repo@{digest}", e.Message, StringComparison.Ordinal);
        Assert.Contains("GET blob answered 404 Not Found (error body: no data within 1 s)", e.Message, StringComparison.Ordinal);
    }
}
