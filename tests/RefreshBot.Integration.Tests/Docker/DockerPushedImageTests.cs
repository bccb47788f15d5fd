using RefreshBot.Adapters.Registry;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>
/// Interoperability with the real Docker daemon: images built by <c>docker build</c> and pushed by
/// <c>docker push</c> to a real distribution registry are resolved by RefreshBot's client to the very
/// digest Docker reports, and a rebuilt image moving the tag is seen as a new digest.
/// </summary>
public sealed class DockerPushedImageTests : IAsyncLifetime
{
    private RegistryServer _registry = null!;
    private CountingProxy _proxy = null!;
    private string _context = null!;

    public async Task InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync();
        _proxy = await CountingProxy.StartAsync(_registry.BaseUri);
        _context = Directory.CreateTempSubdirectory("refreshbot-docker-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _registry.DisposeAsync();
        Directory.Delete(_context, recursive: true);
    }

    [Fact]
    public async Task Digest_of_an_image_pushed_by_docker_matches_and_a_rebuild_moves_the_tag()
    {
        var tag = $"{_registry.Host}/interop/hello:1";
        var first = await BuildAndPushAsync(tag, "first build");

        using var client = RegistryClient.Create(new RegistryClientOptions());
        var image = new ImageReference(_proxy.Host, "interop/hello", "1", null);

        var head = await client.HeadManifestAsync(image, "1", CancellationToken.None);
        Assert.Equal(first, head.Digest);

        var fetched = await client.GetManifestAsync(image, "1", CancellationToken.None);
        Assert.True(first.Matches(fetched.Content.Span));
        var manifest = Assert.IsType<ImageManifest>(ManifestDocument.Parse(fetched.Descriptor.MediaType, fetched.Content.Span));
        Assert.NotEmpty(manifest.Layers);

        var second = await BuildAndPushAsync(tag, "second build");
        Assert.NotEqual(first, second);
        var moved = await client.HeadManifestAsync(image, "1", CancellationToken.None);
        Assert.Equal(second, moved.Digest);

        // The first build's manifest is still served by digest: that is what a stale pin points at.
        var old = await client.HeadManifestAsync(image, first.ToString(), CancellationToken.None);
        Assert.Equal(first, old.Digest);
        Assert.Equal(0, _proxy.Count(RequestKind.GetBlob));
    }

    private async Task<Digest> BuildAndPushAsync(string tag, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "payload.txt"), content);
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), "FROM scratch\nCOPY payload.txt /payload.txt\n");
        await DockerCli.RunAsync(_context, "build", "--quiet", "--tag", tag, ".");
        try
        {
            await DockerCli.RunAsync(_context, "push", "--quiet", tag);
            var repoDigest = await DockerCli.RunAsync(_context, "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", tag);
            var line = repoDigest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Last(l => l.StartsWith(_registry.Host + "/interop/hello@", StringComparison.Ordinal));
            return Digest.Parse(line[(line.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        }
        finally
        {
            await DockerCli.RunAsync(_context, "image", "rm", "--force", tag);
        }
    }
}
