using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Application.Check;

/// <summary>The outcome of one check: every Dockerfile found, every image each one uses, and the verdicts.</summary>
public sealed record CheckReport(IReadOnlyList<DockerfileResult> Dockerfiles)
{
    public IEnumerable<ImageResult> Images => Dockerfiles.SelectMany(d => d.Images);

    public int Count(FreshnessStatus status) => Images.Count(i => i.Freshness.Status == status);
}

/// <summary>One Dockerfile: its path relative to the root (forward slashes), its images, and parser diagnostics.</summary>
public sealed record DockerfileResult(string Path, IReadOnlyList<ImageResult> Images, IReadOnlyList<DockerfileDiagnostic> Diagnostics);

/// <summary>One use of an image and its verdict.</summary>
/// <param name="Line">1-based line of the reference's text (the ARG's line when an ARG default supplied it).</param>
/// <param name="Instruction">FROM, COPY --from, RUN --mount from.</param>
/// <param name="Stage">The stage name, if any.</param>
/// <param name="Reference">The reference as written, variables expanded; null when it could not be expanded.</param>
/// <param name="Image">Normalized repository name (<c>docker.io/library/node</c>); null when the reference did not parse.</param>
/// <param name="Tag">The tag followed, if any.</param>
/// <param name="Platform">The platform compared (os/arch[/variant]); null when nothing was compared.</param>
/// <param name="Freshness">The verdict.</param>
public sealed record ImageResult(
    int Line,
    ImageInstruction Instruction,
    string? Stage,
    string? Reference,
    string? Image,
    string? Tag,
    string? Platform,
    Freshness Freshness)
{
    /// <summary>
    /// For an unpinned reference checked with a history: the tag's last recorded digest when the tag moved away from it
    /// since (drift); null when it did not move, was never recorded, or there is no history.
    /// </summary>
    public LastDigest? DriftedFrom { get; init; }
}
