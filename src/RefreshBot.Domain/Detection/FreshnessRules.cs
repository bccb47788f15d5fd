using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Detection;

/// <summary>
/// Decides whether a reference is fresh, comparing like with like and asking for as little as possible:
/// <list type="bullet">
/// <item>no tag but a digest: skipped, there is nothing to follow (no tag and no digest means <c>latest</c>, as Docker does);</item>
/// <item>unpinned: the tag's digest (the index digest for a multi-arch tag), plus the platform's manifest when the index is already known;</item>
/// <item>pin equal to the tag's digest: up to date — one HEAD, no GET;</item>
/// <item>tag now a single manifest: outdated;</item>
/// <item>tag an index: read it; a pin equal to a manifest in it is up to date (compared with that platform's manifest);
///   otherwise HEAD the pin: a platform manifest is outdated against the platform's current manifest; an index is read
///   for the platform, and when its manifest for the platform equals the current one the move is index churn
///   (up to date, <see cref="Freshness.IndexOnly"/>), otherwise outdated.</item>
/// </list>
/// Pure and deterministic: call it with the evidence gathered so far; it returns a verdict or the next need.
/// </summary>
public static class FreshnessRules
{
    public const string DigestOnlyReason = "pinned by digest only: no tag to follow";

    public static FreshnessStep Decide(ImageReference reference, Platform platform, FreshnessEvidence evidence)
    {
        var pinned = reference.Digest;
        if (reference.TagOrDefault is null)
        {
            return FreshnessStep.Done(Freshness.Skipped(DigestOnlyReason, pinned));
        }

        if (evidence.Tag is not { } tag)
        {
            return FreshnessStep.Ask(FreshnessNeed.Tag);
        }

        var tagIsIndex = ManifestMediaTypes.IsIndex(tag.MediaType);
        var currentIndex = tagIsIndex && evidence.CurrentIndex?.Digest == tag.Digest ? evidence.CurrentIndex : null;
        var platformDigest = tagIsIndex ? currentIndex?.Index.SelectPlatform(platform)?.Descriptor.Digest : tag.Digest;

        if (pinned is not { } pin)
        {
            return FreshnessStep.Done(new Freshness(FreshnessStatus.Unpinned, null, tag.Digest, platformDigest, false, null));
        }

        if (pin == tag.Digest)
        {
            return FreshnessStep.Done(new Freshness(FreshnessStatus.UpToDate, pin, tag.Digest, platformDigest, false, null));
        }

        if (!tagIsIndex)
        {
            return FreshnessStep.Done(new Freshness(FreshnessStatus.Outdated, pin, tag.Digest, tag.Digest, false, null));
        }

        if (currentIndex is null)
        {
            return FreshnessStep.Ask(FreshnessNeed.CurrentIndex);
        }

        return DecideAgainstIndex(pin, platform, tag, currentIndex, evidence);
    }

    private static FreshnessStep DecideAgainstIndex(Digest pin, Platform platform, ManifestDescriptor tag, DigestedIndex current, FreshnessEvidence evidence)
    {
        var currentSelected = current.Index.SelectPlatform(platform)?.Descriptor.Digest;
        if (currentSelected == pin)
        {
            return FreshnessStep.Done(new Freshness(FreshnessStatus.UpToDate, pin, pin, pin, false, null));
        }

        if (current.Index.Manifests.FirstOrDefault(m => m.Descriptor.Digest == pin) is { } other)
        {
            var otherPlatform = other.Platform?.ToString() ?? "unknown platform";
            return FreshnessStep.Done(new Freshness(
                FreshnessStatus.UpToDate, pin, pin, currentSelected, false,
                $"pinned to the {otherPlatform} manifest of the current index, not the {platform} one"));
        }

        if (evidence.Pinned is not { } pinnedLookup)
        {
            return FreshnessStep.Ask(FreshnessNeed.Pinned);
        }

        if (currentSelected is not { } selected)
        {
            return FreshnessStep.Done(new Freshness(
                FreshnessStatus.Outdated, pin, tag.Digest, null, false,
                "the current " + current.Index.DescribeMissingPlatform(platform)));
        }

        if (pinnedLookup.Descriptor is not { } pinnedDescriptor)
        {
            return FreshnessStep.Done(new Freshness(
                FreshnessStatus.Outdated, pin, tag.Digest, selected, false,
                "the pinned digest is no longer in the registry"));
        }

        if (!ManifestMediaTypes.IsIndex(pinnedDescriptor.MediaType))
        {
            // A pin to a platform manifest is compared with that platform's manifest now.
            return FreshnessStep.Done(new Freshness(FreshnessStatus.Outdated, pin, selected, selected, false, null));
        }

        if (evidence.PinnedIndex is not { } pinnedIndex || pinnedIndex.Digest != pin)
        {
            return FreshnessStep.Ask(FreshnessNeed.PinnedIndex);
        }

        if (pinnedIndex.Index.SelectPlatform(platform)?.Descriptor.Digest == selected)
        {
            return FreshnessStep.Done(new Freshness(
                FreshnessStatus.UpToDate, pin, tag.Digest, selected, true,
                $"index churn: the index moved but its {platform} manifest {selected} did not"));
        }

        return FreshnessStep.Done(new Freshness(FreshnessStatus.Outdated, pin, tag.Digest, selected, false, null));
    }
}
