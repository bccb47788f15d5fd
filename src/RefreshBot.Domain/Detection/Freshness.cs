using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Detection;

/// <summary>
/// The verdict for one reference.
/// </summary>
/// <param name="Status">See <see cref="FreshnessStatus"/>.</param>
/// <param name="PinnedDigest">The digest written in the reference, if any.</param>
/// <param name="CurrentDigest">
/// What the pin should be compared to — like with like: the tag's index digest for a pin to an index (or for an
/// unpinned multi-arch tag), the platform's manifest digest in the current index for a pin to a platform manifest.
/// </param>
/// <param name="PlatformDigest">The current manifest digest for the platform compared, when it is known without an extra request.</param>
/// <param name="IndexOnly">True when the index moved but the platform's manifest did not ("index churn": nothing to update for this platform).</param>
/// <param name="Reason">Why, for anything that is not plainly up to date, outdated or unpinned; null otherwise.</param>
public sealed record Freshness(
    FreshnessStatus Status,
    Digest? PinnedDigest,
    Digest? CurrentDigest,
    Digest? PlatformDigest,
    bool IndexOnly,
    string? Reason)
{
    public static Freshness Skipped(string reason, Digest? pinned = null) =>
        new(FreshnessStatus.Skipped, pinned, null, null, false, reason);

    public static Freshness Error(string reason, Digest? pinned = null) =>
        new(FreshnessStatus.Error, pinned, null, null, false, reason);
}
