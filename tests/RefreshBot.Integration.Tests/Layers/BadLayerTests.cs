using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>Bad layers become an <see cref="ImageInspectionException"/> naming the layer, in bounded memory.</summary>
public sealed class BadLayerTests : ProxiedRegistryClientTests
{
    private async Task<(ImageInspectionException Error, LayerBlob Bad)> InspectBrokenAsync(
        LayerBlob bad, LayerInspectorOptions? options = null, bool corruptBlobs = false)
    {
        var pushed = await _registry.Pusher.PushLayersAsync("bad/image", null, [LayerBlob.Gzip(SampleLayers.Base()), bad]);
        _registry.Proxy.CorruptBlobBodies = corruptBlobs;
        var inspector = new LayerInspector(_client, options);
        var error = await Assert.ThrowsAsync<ImageInspectionException>(() =>
            inspector.ReadRemoteFilesAsync(new ImageReference(_registry.Host, "bad/image", null, null), pushed.Digest, CancellationToken.None));
        Assert.Contains("bad/image@" + pushed.Digest, error.Message, StringComparison.Ordinal);
        return (error, bad);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task A_truncated_gzip_layer_is_an_error_naming_the_layer(double fraction)
    {
        var whole = new LayerBuilder().File("var/lib/dpkg/status", SampleLayers.StatusV2)
            .File("usr/share/doc/big.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes(100_000)).Gzip();

        var (error, bad) = await InspectBrokenAsync(LayerBlob.Raw(LayerBlobs.Truncated(whole, fraction)));

        Assert.Contains("layer " + bad.Digest, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_layer_limit_in_bounded_memory()
    {
        const long Limit = 1L << 30;
        var bomb = LayerBlob.Raw(LayerBlobs.Bomb(decompressedBytes: 4L << 30));
        Assert.True(bomb.Content.Length < 8 * 1024 * 1024, $"bomb is {bomb.Content.Length} bytes compressed");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (error, _) = await InspectBrokenAsync(bomb, new LayerInspectorOptions { MaxLayerBytes = Limit });

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Contains($"larger than the {Limit} byte limit", error.Message, StringComparison.Ordinal);
        // the limit is 1 GiB of decompressed data; buffering any of it would allocate that much
        Assert.True(allocated < 200L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task An_interesting_file_over_the_file_limit_is_an_error()
    {
        var layer = new LayerBuilder().File("var/lib/dpkg/status", new string('x', 5000));

        var (error, _) = await InspectBrokenAsync(LayerBlob.Gzip(layer), new LayerInspectorOptions { MaxFileBytes = 4096 });

        Assert.Contains("var/lib/dpkg/status is 5000 bytes, more than the 4096 byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_that_does_not_hash_to_its_digest_is_an_error_after_streaming()
    {
        var (error, _) = await InspectBrokenAsync(LayerBlob.Gzip(SampleLayers.Upgrade()), corruptBlobs: true);

        var registryError = Assert.IsType<RegistryException>(error.InnerException);
        Assert.Equal(RegistryErrorKind.Invalid, registryError.Kind);
        Assert.Contains("not to the digest asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zstd_layer_is_reported_as_unsupported_without_downloading_it()
    {
        var zstd = LayerBlob.Raw([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0], "application/vnd.oci.image.layer.v1.tar+zstd");

        var (error, _) = await InspectBrokenAsync(zstd);

        Assert.Contains("zstd-compressed layers (application/vnd.oci.image.layer.v1.tar+zstd) are not supported", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Proxy.Requests.Count(r => r.Kind == RequestKind.GetBlob && r.PathAndQuery.Contains(zstd.Digest, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Not_a_tar_inside_the_gzip_is_an_error()
    {
        var (error, _) = await InspectBrokenAsync(LayerBlob.Raw(LayerBlobs.Gzip(System.Text.Encoding.ASCII.GetBytes(new string('A', 2000)))));

        Assert.Contains("layer sha256:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured_and_not_reported_as_a_bad_layer()
    {
        // 64 GiB of zeros with no cap: zeros inflate at several GB/s, so reading it takes many seconds and the
        // 300 ms cancellation always comes first (an 8 GiB bomb against the default 4 GiB cap raced it).
        var bomb = LayerBlob.Raw(LayerBlobs.Bomb(decompressedBytes: 64L << 30));
        var pushed = await _registry.Pusher.PushLayersAsync("slow/image", null, [bomb]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LayerInspector(_client, new LayerInspectorOptions { MaxLayerBytes = long.MaxValue })
            .ReadRemoteFilesAsync(new ImageReference(_registry.Host, "slow/image", null, null), pushed.Digest, cancel.Token));
    }
}
