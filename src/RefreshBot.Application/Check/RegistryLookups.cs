using System.Collections.Concurrent;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>
/// The registry as one check sees it: every question asked at most once per check
/// (one HEAD per unique registry/repository/tag, one HEAD per pinned digest, one GET per index digest —
/// content-addressed, so shared across repositories), at most <c>maxConcurrent</c> requests in flight.
/// Callers share the memoized tasks, so a failure is reported to every reference that needed that answer.
/// </summary>
public sealed class RegistryLookups(IRegistryClient registry, int maxConcurrent)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent));
    private readonly ConcurrentDictionary<string, Lazy<Task<ManifestDescriptor>>> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PinnedLookup>>> _pins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Digest, Lazy<Task<FetchedManifest>>> _indexes = new();

    /// <summary>HEAD of <paramref name="image"/>'s tag.</summary>
    public Task<ManifestDescriptor> TagAsync(ImageReference image, CancellationToken cancellationToken) =>
        _tags.GetOrAdd(
            image.Name + ":" + image.Tag,
            _ => new Lazy<Task<ManifestDescriptor>>(() => Limited(
                () => registry.HeadManifestAsync(image.With(image.Tag, null), image.Tag!, cancellationToken),
                cancellationToken))).Value;

    /// <summary>HEAD of the pinned digest; a digest the registry no longer has is an answer, not a failure.</summary>
    public Task<PinnedLookup> PinnedAsync(ImageReference image, Digest pinned, CancellationToken cancellationToken) =>
        _pins.GetOrAdd(
            image.Name + "@" + pinned,
            _ => new Lazy<Task<PinnedLookup>>(() => Limited(
                async () =>
                {
                    try
                    {
                        return new PinnedLookup(await registry.HeadManifestAsync(image.With(null, pinned), pinned.ToString(), cancellationToken).ConfigureAwait(false));
                    }
                    catch (RegistryException e) when (e.Kind == RegistryErrorKind.NotFound)
                    {
                        return new PinnedLookup(null);
                    }
                },
                cancellationToken))).Value;

    /// <summary>GET of an index by digest, read for <paramref name="platform"/>.</summary>
    public async Task<IndexView> IndexAsync(ImageReference image, Digest digest, Platform platform, CancellationToken cancellationToken)
    {
        var fetched = await _indexes.GetOrAdd(
            digest,
            _ => new Lazy<Task<FetchedManifest>>(() => Limited(
                () => registry.GetManifestAsync(image.With(null, digest), digest.ToString(), cancellationToken),
                cancellationToken))).Value.ConfigureAwait(false);
        return IndexViews.Read(image, fetched, platform);
    }

    /// <summary>The index with <paramref name="digest"/> when this check already fetched it successfully; never fetches.</summary>
    public IndexView? KnownIndex(ImageReference image, Digest digest, Platform platform) =>
        _indexes.TryGetValue(digest, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            ? IndexViews.Read(image, lazy.Value.Result, platform)
            : null;

    private async Task<T> Limited<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await request().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
