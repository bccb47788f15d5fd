using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;

namespace RefreshBot.Application.Check;

/// <summary>A Dockerfile whose images have been resolved, before the final look at what the check learnt.</summary>
internal sealed record CheckedDockerfile(string Path, IReadOnlyList<CheckedImage> Images, IReadOnlyList<DockerfileDiagnostic> Diagnostics)
{
    public DockerfileResult Complete(RegistryLookups lookups) =>
        new(Path, Images.Select(i => i.Complete(lookups)).ToList(), Diagnostics);
}

/// <summary>One image use with its verdict and the evidence it was based on.</summary>
internal sealed record CheckedImage(ImageUsage Use, ImageReference? Reference, Platform? Platform, Freshness Verdict, FreshnessEvidence Evidence)
{
    public static CheckedImage Final(ImageUsage use, ImageReference? reference, Platform? platform, Freshness verdict) =>
        new(use, reference, platform, verdict, FreshnessEvidence.None);

    /// <summary>Re-decides an unpinned multi-arch reference when the check fetched its current index for another reference.</summary>
    public ImageResult Complete(RegistryLookups lookups)
    {
        var verdict = Verdict;
        if (verdict.Status == FreshnessStatus.Unpinned && verdict.PlatformDigest is null
            && Reference is not null && Platform is not null && Evidence.Tag is { } tag
            && lookups.KnownIndex(tag.Digest) is { } index)
        {
            verdict = FreshnessRules.Decide(Reference, Platform, Evidence with { CurrentIndex = index }).Verdict ?? verdict;
        }

        return new ImageResult(
            Use.Line, Use.Instruction, Use.Stage, Use.Reference, Reference?.Name, Reference?.TagOrDefault,
            Platform?.ToString(), verdict);
    }
}
