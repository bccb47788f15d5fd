using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.Vulnerabilities.Delta;

namespace RefreshBot.Application.Evaluation;

/// <summary>The build and scan of one proposal: its "Build and scan" section and whether the new image failed to build.</summary>
/// <param name="Section">The Markdown for the pull request.</param>
/// <param name="Dockerfiles">Each Dockerfile's result.</param>
public sealed record ChangeEvaluation(BuildScanSection Section, IReadOnlyList<DockerfileEvaluation> Dockerfiles)
{
    /// <summary>A Dockerfile whose new image did not build (the pull request becomes a draft).</summary>
    public bool NewBuildFailed => Dockerfiles.Any(d => d.New is { Succeeded: false } || d.Problem is not null);

    /// <summary>
    /// A part could not be run this time (see <see cref="DockerfileEvaluation.Transient"/>): the section says so with
    /// <see cref="EvaluationMarkdown.TransientMarker"/> and the next cycle evaluates again without rewriting the branch.
    /// </summary>
    public bool TransientFailure => Dockerfiles.Any(d => d.Transient);

    /// <summary>One line for the run report: which Dockerfiles failed and where; null when every build succeeded.</summary>
    public string? FailureSummary => NewBuildFailed
        ? string.Join("; ", Dockerfiles.Where(d => d.New is { Succeeded: false } || d.Problem is not null)
            .Select(d => $"{d.Dockerfile}: {d.Problem ?? d.New?.FailedStep ?? d.New?.Error ?? "build failed"}"))
        : null;
}

/// <summary>One Dockerfile built before and after the change.</summary>
/// <param name="Old">The build of the target branch's Dockerfile (null when not attempted).</param>
/// <param name="New">The build of the rewritten Dockerfile (null when not attempted).</param>
/// <param name="Delta">Package and advisory delta, when both images were read.</param>
/// <param name="Notes">What could not be done (inspection, vulnerability data), one line each.</param>
/// <param name="Problem">Why nothing was built at all (e.g. the builder failed), or null.</param>
public sealed record DockerfileEvaluation(
    string Dockerfile,
    BuildResult? Old,
    BuildResult? New,
    ScanDelta? Delta,
    IReadOnlyList<string> Notes,
    string? Problem = null)
{
    public PackageInventory? OldInventory { get; init; }

    public PackageInventory? NewInventory { get; init; }

    /// <summary>
    /// Something failed that says nothing about the change and may work next time: the builder could not run (it threw;
    /// not a build whose step failed), the inspector could not read an image, or the vulnerability source failed.
    /// </summary>
    public bool Transient { get; init; }
}
