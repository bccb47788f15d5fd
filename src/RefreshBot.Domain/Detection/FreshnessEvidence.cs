using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Detection;

/// <summary>
/// What has been learnt from the registry so far about one reference. Starts empty; the caller fills in
/// whatever <see cref="FreshnessRules.Decide"/> asks for (<see cref="FreshnessNeed"/>) and asks again.
/// </summary>
/// <param name="Tag">HEAD of the tag: what it points to now.</param>
/// <param name="CurrentIndex">The tag's current index (only when the tag is an index).</param>
/// <param name="Pinned">HEAD of the pinned digest: what kind of manifest the pin is.</param>
/// <param name="PinnedIndex">The pinned index (only when the pin is an index).</param>
public sealed record FreshnessEvidence(
    ManifestDescriptor? Tag = null,
    DigestedIndex? CurrentIndex = null,
    PinnedLookup? Pinned = null,
    DigestedIndex? PinnedIndex = null)
{
    public static readonly FreshnessEvidence None = new();
}

/// <summary>An index fetched by digest (content-addressed, so the pair never goes stale).</summary>
public sealed record DigestedIndex(Digest Digest, ImageIndex Index);

/// <summary>The answer to a HEAD of the pinned digest: its descriptor, or null when the registry no longer has it.</summary>
public sealed record PinnedLookup(ManifestDescriptor? Descriptor);
