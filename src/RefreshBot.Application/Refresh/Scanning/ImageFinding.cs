using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Refresh.Scanning;

/// <summary>What the scan concluded for one image use, across every platform the repository builds.</summary>
/// <param name="Use">The use as extracted.</param>
/// <param name="Reference">The parsed reference (null when skipped before parsing).</param>
/// <param name="Platforms">Platforms compared.</param>
/// <param name="Status">Outdated when any platform's manifest moved; Unpinned; UpToDate (including index churn on every platform); Skipped; Error.</param>
/// <param name="NewDigest">The digest to propose (outdated or unpinned).</param>
/// <param name="Reason">Why, when skipped, errored or up to date only by index churn.</param>
public sealed record ImageFinding(
    ImageUsage Use,
    ImageReference? Reference,
    IReadOnlyList<Platform> Platforms,
    FreshnessStatus Status,
    Digest? NewDigest,
    string? Reason)
{
    /// <summary>Combines the per-platform verdicts of one reference (in platform order).</summary>
    public static ImageFinding Combine(ImageUsage use, ImageReference reference, IReadOnlyList<(Platform Platform, Freshness Verdict)> verdicts)
    {
        var platforms = verdicts.Select(v => v.Platform).ToList();
        if (verdicts.FirstOrDefault(v => v.Verdict.Status == FreshnessStatus.Outdated) is { Verdict: { } outdated } && outdated.CurrentDigest is { } to)
        {
            return new ImageFinding(use, reference, platforms, FreshnessStatus.Outdated, to, outdated.Reason);
        }

        if (verdicts.FirstOrDefault(v => v.Verdict.Status == FreshnessStatus.Error) is { Verdict: { } error })
        {
            return new ImageFinding(use, reference, platforms, FreshnessStatus.Error, null, error.Reason);
        }

        if (verdicts.FirstOrDefault(v => v.Verdict.Status == FreshnessStatus.Unpinned) is { Verdict: { } unpinned } && unpinned.CurrentDigest is { } current)
        {
            return new ImageFinding(use, reference, platforms, FreshnessStatus.Unpinned, current, null);
        }

        if (verdicts.FirstOrDefault(v => v.Verdict.Status == FreshnessStatus.Skipped) is { Verdict: { } skipped })
        {
            return new ImageFinding(use, reference, platforms, FreshnessStatus.Skipped, null, skipped.Reason);
        }

        var churn = verdicts.All(v => v.Verdict.IndexOnly) && verdicts.Count > 0 ? verdicts[0].Verdict.Reason : null;
        return new ImageFinding(use, reference, platforms, FreshnessStatus.UpToDate, null, churn);
    }
}

/// <summary>One Dockerfile of the target head, its extraction and what was found for each image use.</summary>
public sealed record ScannedDockerfile(string Path, string Text, DockerfileImageReport Report, IReadOnlyList<ImageFinding> Findings);
