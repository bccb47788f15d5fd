using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Registry.Mirrors;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Refresh;

/// <summary>Mirrors (used by scripts/run.sh offline: a local registry standing in for mcr.microsoft.com).</summary>
public sealed class MirroringRegistryClientTests : IAsyncLifetime
{
    private const string Upstream = "registry.invalid";
    private ProxiedRegistry _mirror = null!;

    public async Task InitializeAsync() => _mirror = await ProxiedRegistry.StartAsync();

    public async Task DisposeAsync() => await _mirror.DisposeAsync();

    private MirroringRegistryClient Client(params string[] mirrors)
    {
        var options = new RegistryClientOptions
        {
            Registries = [new RegistryOptions { Host = Upstream, Mirrors = mirrors }],
            MaxRetries = 0,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        };
        return new MirroringRegistryClient(RegistryClient.Create(options), options.Registries, NullLogger<MirroringRegistryClient>.Instance);
    }

    [Fact]
    public async Task A_registry_with_a_mirror_is_answered_by_the_mirror_for_the_same_path_and_tag()
    {
        var pushed = await _mirror.Pusher.PushImageAsync("dotnet/sdk", "10.0");
        using var client = Client(_mirror.Host);

        var head = await client.HeadManifestAsync(new ImageReference(Upstream, "dotnet/sdk", "10.0", null), "10.0", default);
        var get = await client.GetManifestAsync(new ImageReference(Upstream, "dotnet/sdk", null, pushed.Digest), pushed.Digest.ToString(), default);

        Assert.Equal(pushed.Digest, head.Digest);
        Assert.Equal(pushed.Digest, get.Descriptor.Digest);
        Assert.Equal(1, _mirror.Proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(1, _mirror.Proxy.Count(RequestKind.GetManifest));
    }

    [Fact]
    public async Task A_mirror_without_the_image_falls_back_to_the_registry_itself()
    {
        using var client = Client(_mirror.Host);

        var failure = await Assert.ThrowsAsync<RegistryException>(
            () => client.HeadManifestAsync(new ImageReference(Upstream, "dotnet/runtime", "10.0", null), "10.0", default));

        Assert.Equal(1, _mirror.Proxy.Count(RequestKind.HeadManifest));
        Assert.Contains(Upstream, failure.Message);
    }

    [Fact]
    public async Task Registries_without_mirrors_are_asked_directly()
    {
        var pushed = await _mirror.Pusher.PushImageAsync("team/app", "1");
        using var client = Client(_mirror.Host);

        var head = await client.HeadManifestAsync(new ImageReference(_mirror.Host, "team/app", "1", null), "1", default);

        Assert.Equal(pushed.Digest, head.Digest);
        Assert.Equal(1, _mirror.Proxy.Count(RequestKind.HeadManifest));
    }
}
