using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Detection;

/// <summary>
/// What has been learnt from the registry so far about one reference. Starts empty; the caller fills in
/// whatever <see cref="FreshnessRules.Decide"/> asks for (<see cref="FreshnessNeed"/>) and asks again.
/// </summary>
/// <param name="Tag">HEAD of the tag: what it points to now.</param>
/// <param name="CurrentIndex">The tag's current index, read for the platform compared (only when the tag is an index).</param>
/// <param name="Pinned">HEAD of the pinned digest: what kind of manifest the pin is.</param>
/// <param name="PinnedIndex">The pinned index, read for the platform compared (only when the pin is an index).</param>
public sealed record FreshnessEvidence(
    ManifestDescriptor? Tag = null,
    IndexView? CurrentIndex = null,
    PinnedLookup? Pinned = null,
    IndexView? PinnedIndex = null)
{
    public static readonly FreshnessEvidence None = new();
}

/// <summary>An image index as the decision needs it: its manifests, and the one chosen for the platform compared.</summary>
/// <param name="Digest">The index's own digest.</param>
/// <param name="Platform">The platform the selection was made for.</param>
/// <param name="Selected">The manifest chosen for <paramref name="Platform"/>, or null when the index has none for it.</param>
/// <param name="Manifests">Every manifest the index lists, with its platform when given.</param>
public sealed record IndexView(Digest Digest, Platform Platform, Digest? Selected, IReadOnlyList<IndexEntry> Manifests);

/// <summary>One manifest listed by an index.</summary>
public sealed record IndexEntry(Digest Digest, Platform? Platform);

/// <summary>The answer to a HEAD of the pinned digest: its descriptor, or null when the registry no longer has it.</summary>
public sealed record PinnedLookup(ManifestDescriptor? Descriptor);
