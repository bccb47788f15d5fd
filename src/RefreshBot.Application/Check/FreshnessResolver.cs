using RefreshBot.Application.Ports;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>A verdict and the evidence it was based on.</summary>
public sealed record ResolvedFreshness(Freshness Verdict, FreshnessEvidence Evidence);

/// <summary>
/// The per-reference loop shared by <c>check</c> and the refresh cycle: ask the pure <see cref="FreshnessRules"/>
/// what it needs, gather exactly that through <see cref="RegistryLookups"/> (memoized), until it gives a verdict.
/// A registry failure propagates as <see cref="RegistryException"/>; the caller decides what it means.
/// </summary>
public static class FreshnessResolver
{
    public static async Task<ResolvedFreshness> ResolveAsync(
        ImageReference reference, Platform platform, RegistryLookups lookups, CancellationToken cancellationToken)
    {
        var evidence = FreshnessEvidence.None;
        while (true)
        {
            var step = FreshnessRules.Decide(reference, platform, evidence);
            if (step.Verdict is { } verdict)
            {
                return new ResolvedFreshness(verdict, evidence);
            }

            evidence = await GatherAsync(step.Need!.Value, reference, evidence, lookups, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The FROM's own <c>--platform</c> when it is a concrete value; otherwise (absent, or still holding a
    /// variable such as <c>$BUILDPLATFORM</c>/<c>$TARGETPLATFORM</c>) null. False when it is concrete but invalid.
    /// </summary>
    public static bool TryReadOwnPlatform(string? written, out Platform? platform)
    {
        platform = null;
        if (string.IsNullOrWhiteSpace(written) || written.Contains('$'))
        {
            return true;
        }

        return Platform.TryParse(written, out platform, out _) && platform is not null;
    }

    private static async Task<FreshnessEvidence> GatherAsync(
        FreshnessNeed need, ImageReference reference, FreshnessEvidence evidence, RegistryLookups lookups, CancellationToken cancellationToken) =>
        need switch
        {
            FreshnessNeed.Tag => evidence with { Tag = await lookups.TagAsync(reference, cancellationToken).ConfigureAwait(false) },
            FreshnessNeed.CurrentIndex => evidence with { CurrentIndex = await lookups.IndexAsync(reference, evidence.Tag!.Digest, cancellationToken).ConfigureAwait(false) },
            FreshnessNeed.Pinned => evidence with { Pinned = await lookups.PinnedAsync(reference, reference.Digest!.Value, cancellationToken).ConfigureAwait(false) },
            FreshnessNeed.PinnedIndex => evidence with { PinnedIndex = await lookups.IndexAsync(reference, reference.Digest!.Value, cancellationToken).ConfigureAwait(false) },
            _ => throw new ArgumentOutOfRangeException(nameof(need), need, null),
        };
}
