using System.Collections.Concurrent;
using RefreshBot.Application.Check.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>
/// The registry as one check sees it: every question asked at most once per check
/// (one HEAD per unique registry/repository/tag, one HEAD per pinned digest, one GET per index digest —
/// content-addressed, so shared across repositories), at most <c>maxConcurrent</c> requests in flight.
/// Callers share the memoized tasks, so a failure is reported to every reference that needed that answer.
/// Answers that never go stale (index bytes by digest, pinned descriptors) are looked up in <paramref name="cache"/>
/// before the registry is asked and kept there after it answered; a tag is always asked, it is what moves — unless a
/// <paramref name="memo"/> shared by several checks (the service's per-repository jobs) answered it a moment ago.
/// </summary>
public sealed class RegistryLookups(IRegistryClient registry, IManifestCache cache, int maxConcurrent, TagLookupMemo? memo = null)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent));
    private readonly ConcurrentDictionary<string, Lazy<Task<ManifestDescriptor>>> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PinnedLookup>>> _pins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Digest, Lazy<Task<DigestedIndex>>> _indexes = new();

    /// <summary>HEAD of <paramref name="image"/>'s tag (<c>latest</c> when the reference has neither tag nor digest).</summary>
    public Task<ManifestDescriptor> TagAsync(ImageReference image, CancellationToken cancellationToken)
    {
        var tag = image.TagOrDefault ?? throw new ArgumentException($"{image} has no tag to look up", nameof(image));
        var key = image.Name + ":" + tag;
        return _tags.GetOrAdd(key, _ => new Lazy<Task<ManifestDescriptor>>(() =>
        {
            Task<ManifestDescriptor> Head() => Limited(() => registry.HeadManifestAsync(image.With(tag, null), tag, cancellationToken), cancellationToken);
            return memo is null ? Head() : memo.GetAsync(key, Head, cancellationToken);
        })).Value;
    }

    /// <summary>HEAD of the pinned digest; a digest the registry no longer has is an answer, not a failure (and is not cached).</summary>
    public Task<PinnedLookup> PinnedAsync(ImageReference image, Digest pinned, CancellationToken cancellationToken) =>
        _pins.GetOrAdd(
            image.Name + "@" + pinned,
            _ => new Lazy<Task<PinnedLookup>>(() => LookUpPinnedAsync(image, pinned, cancellationToken))).Value;

    /// <summary>GET of an index by digest (content-addressed: one GET per digest per check, whatever the repository).</summary>
    public Task<DigestedIndex> IndexAsync(ImageReference image, Digest digest, CancellationToken cancellationToken) =>
        _indexes.GetOrAdd(
            digest,
            _ => new Lazy<Task<DigestedIndex>>(() => FetchIndexAsync(image, digest, cancellationToken))).Value;

    /// <summary>
    /// The index with <paramref name="digest"/> when this check already read it (from the registry or the cache) for
    /// some decision; never fetches, and never looks in the cache on its own, so the report does not depend on what
    /// earlier checks happened to leave there.
    /// </summary>
    public DigestedIndex? KnownIndex(Digest digest) =>
        _indexes.TryGetValue(digest, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            ? lazy.Value.Result
            : null;

    private async Task<PinnedLookup> LookUpPinnedAsync(ImageReference image, Digest pinned, CancellationToken cancellationToken)
    {
        if (await cache.GetPinnedAsync(image.Domain, image.Path, pinned, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return new PinnedLookup(known);
        }

        ManifestDescriptor descriptor;
        try
        {
            descriptor = await Limited(
                () => registry.HeadManifestAsync(image.With(null, pinned), pinned.ToString(), cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.Kind == RegistryErrorKind.NotFound)
        {
            return new PinnedLookup(null);
        }

        if (descriptor.Digest == pinned)
        {
            await cache.PutPinnedAsync(image.Domain, image.Path, descriptor, cancellationToken).ConfigureAwait(false);
        }

        return new PinnedLookup(descriptor);
    }

    private async Task<DigestedIndex> FetchIndexAsync(ImageReference image, Digest digest, CancellationToken cancellationToken)
    {
        var fetched = await cache.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
        if (fetched is null)
        {
            fetched = await Limited(
                () => registry.GetManifestAsync(image.With(null, digest), digest.ToString(), cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (fetched.Descriptor.Digest == digest)
            {
                await cache.PutManifestAsync(fetched, cancellationToken).ConfigureAwait(false);
            }
        }

        return IndexViews.Read(image, fetched);
    }

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
