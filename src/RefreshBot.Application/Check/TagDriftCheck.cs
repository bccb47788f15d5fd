using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Detection;

namespace RefreshBot.Application.Check;

/// <summary>
/// Compares each unpinned reference of a check with the history: records the digest its tag points at now (so the
/// next check, or run, sees a move) and marks the reference drifted when the tag moved since its last recorded digest.
/// </summary>
public static class TagDriftCheck
{
    public static async Task<CheckReport> ApplyAsync(CheckReport report, IRefreshHistory history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<DigestSighting, TagSighting>();
        var dockerfiles = new List<DockerfileResult>(report.Dockerfiles.Count);
        foreach (var dockerfile in report.Dockerfiles)
        {
            var images = new List<ImageResult>(dockerfile.Images.Count);
            foreach (var image in dockerfile.Images)
            {
                if (Sighting(image) is not { } sighting)
                {
                    images.Add(image);
                    continue;
                }

                if (!seen.TryGetValue(sighting, out var found))
                {
                    found = await history.TagSeenAsync(sighting, now, cancellationToken).ConfigureAwait(false);
                    seen[sighting] = found;
                }

                images.Add(image with { DriftedFrom = found.Previous });
            }

            dockerfiles.Add(dockerfile with { Images = images });
        }

        return report with { Dockerfiles = dockerfiles };
    }

    /// <summary>The history key of an unpinned reference (same as <c>run</c>'s for one platform), or null for any other.</summary>
    private static DigestSighting? Sighting(ImageResult image) =>
        image is { Freshness.Status: FreshnessStatus.Unpinned, Freshness.CurrentDigest: { } current, Image: { } name, Tag: { } tag, Platform: { } platform }
            ? new DigestSighting(name, tag, platform, current.ToString())
            : null;
}
