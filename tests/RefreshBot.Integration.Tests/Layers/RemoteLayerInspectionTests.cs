using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Layers;

/// <summary>LayerInspector against a real registry, through a CountingProxy, with layers composed in the test.</summary>
public sealed class RemoteLayerInspectionTests : ProxiedRegistryClientTests
{
    private ImageReference Image(string path) => new(_registry.Host, path, null, null);

    private int BlobGets(string digest) =>
        _registry.Proxy.Requests.Count(r => r.Kind == RequestKind.GetBlob && r.PathAndQuery.Contains(digest, StringComparison.Ordinal));

    [Fact]
    public async Task Layers_apply_in_order_with_whiteouts_opaque_directories_and_a_symlinked_os_release()
    {
        var layers = new[] { LayerBlob.Gzip(SampleLayers.Base()), LayerBlob.Gzip(SampleLayers.Upgrade()), LayerBlob.Tar(SampleLayers.App()) };
        var pushed = await _registry.Pusher.PushLayersAsync("os/debian", "12", layers);
        var inspector = new LayerInspector(_client);

        var files = await inspector.ReadRemoteFilesAsync(Image("os/debian"), pushed.Digest, CancellationToken.None);

        SampleLayers.AssertFinal(files);
        Assert.Equal(layers.Select(l => l.Digest), files.Layers.Select(d => d.ToString()));
        Assert.Equal(1, _registry.Proxy.Count(RequestKind.GetManifest));
        Assert.Equal(3, _registry.Proxy.Count(RequestKind.GetBlob));
    }

    [Fact]
    public async Task The_base_layer_of_a_second_image_comes_from_the_cache_without_a_blob_GET()
    {
        var baseLayer = LayerBlob.Gzip(SampleLayers.Base());
        var first = await _registry.Pusher.PushLayersAsync("team/one", "1", [baseLayer, LayerBlob.Gzip(SampleLayers.Upgrade())]);
        var second = await _registry.Pusher.PushLayersAsync("team/two", "1", [baseLayer, LayerBlob.Gzip(SampleLayers.App())]);
        var inspector = new LayerInspector(_client);

        var one = await inspector.ReadRemoteFilesAsync(Image("team/one"), first.Digest, CancellationToken.None);
        var two = await inspector.ReadRemoteFilesAsync(Image("team/two"), second.Digest, CancellationToken.None);

        Assert.Equal(1, BlobGets(baseLayer.Digest));
        Assert.Equal(3, _registry.Proxy.Count(RequestKind.GetBlob));
        Assert.Equal(SampleLayers.StatusV2, SampleLayers.Text(one.DpkgStatus));
        Assert.Equal(["var/lib/dpkg/status.d/base"], one.DpkgStatusParts.Select(p => p.Path));
        Assert.Equal(SampleLayers.StatusV1, SampleLayers.Text(two.DpkgStatus));
        Assert.Equal("ID=debian", SampleLayers.Text(two.OsRelease).Split('\n')[0]);
        Assert.Equal(["var/lib/dpkg/status.d/app"], two.DpkgStatusParts.Select(p => p.Path));
        Assert.Contains(two.Problems, p => p.Contains("var/lib/rpm/Packages", StringComparison.Ordinal) && p.Contains("not supported", StringComparison.Ordinal));
        Assert.NotNull(two.ApkInstalled);
    }

    [Fact]
    public async Task Traversal_and_absolute_names_are_ignored_and_nothing_is_written_outside()
    {
        var marker = "refreshbot-escape-" + Guid.NewGuid().ToString("N");
        var evil = new LayerBuilder()
            .File("../../../../../../tmp/" + marker, "escaped")
            .File("/tmp/" + marker + "-abs", "absolute")
            .File("/etc/os-release", "ID=evil-absolute\n")
            .File("etc/../../etc/os-release", "ID=evil-dotdot\n")
            .Symlink("var/lib/dpkg/status", "../../../../../../etc/passwd")
            .CharacterDevice("lib/apk/db/installed")
            .File("./etc//os-release", "ID=alpine\n");
        var pushed = await _registry.Pusher.PushLayersAsync("evil/paths", "1", [LayerBlob.Gzip(evil)]);
        var inspector = new LayerInspector(_client);

        var files = await inspector.ReadRemoteFilesAsync(Image("evil/paths"), pushed.Digest, CancellationToken.None);

        Assert.Equal("ID=alpine\n", SampleLayers.Text(files.OsRelease));
        Assert.Equal("etc/os-release", files.OsRelease!.Path);
        Assert.Null(files.DpkgStatus); // the link resolves to etc/passwd inside the image, which it does not have
        Assert.Null(files.ApkInstalled);
        Assert.False(File.Exists("/tmp/" + marker));
        Assert.False(File.Exists("/tmp/" + marker + "-abs"));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), marker)));
    }

    [Fact]
    public async Task An_index_digest_is_refused_as_not_a_platform_manifest()
    {
        var index = await _registry.Pusher.PushIndexAsync("multi", "1", [RefreshBot.Domain.Platforms.Platform.LinuxAmd64]);

        var e = await Assert.ThrowsAsync<ImageInspectionException>(
            () => new LayerInspector(_client).ReadRemoteFilesAsync(Image("multi"), index.Digest, CancellationToken.None));

        Assert.Contains("not a platform manifest", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Proxy.Count(RequestKind.GetBlob));
    }

    [Fact]
    public async Task Inspection_parses_the_final_files_into_an_inventory()
    {
        var layers = new[] { LayerBlob.Gzip(SampleLayers.Base()), LayerBlob.Gzip(SampleLayers.Upgrade()), LayerBlob.Gzip(SampleLayers.App()) };
        var pushed = await _registry.Pusher.PushLayersAsync("os/app", "1", layers);

        var inventory = await new LayerInspector(_client).InspectRemoteAsync(Image("os/app"), pushed.Digest, CancellationToken.None);

        Assert.Equal("debian", inventory.Os?.Id);
        Assert.Equal("Debian GNU/Linux 12 (v2)", inventory.Os?.PrettyName);
        Assert.Equal(["app 1.0", "libc6 2.36-9+deb12u7"], inventory.Packages.Select(p => $"{p.Name} {p.Version}"));
        Assert.All(inventory.Packages, p => Assert.Equal(RefreshBot.Domain.Packages.PackageFormat.Dpkg, p.Format));
        Assert.Empty(inventory.Problems);
    }
}
