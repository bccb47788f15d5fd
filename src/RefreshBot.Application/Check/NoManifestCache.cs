using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>No cache between checks (<c>--no-cache</c>, or no usable cache folder): every answer comes from the registry.</summary>
public sealed class NoManifestCache : IManifestCache
{
    public static readonly NoManifestCache Instance = new();

    private NoManifestCache()
    {
    }

    public Task<FetchedManifest?> GetManifestAsync(Digest digest, CancellationToken cancellationToken) =>
        Task.FromResult<FetchedManifest?>(null);

    public Task PutManifestAsync(FetchedManifest manifest, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ManifestDescriptor?> GetPinnedAsync(string registry, string repository, Digest digest, CancellationToken cancellationToken) =>
        Task.FromResult<ManifestDescriptor?>(null);

    public Task PutPinnedAsync(string registry, string repository, ManifestDescriptor descriptor, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
