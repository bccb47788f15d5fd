using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Domain.Vulnerabilities.Delta;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// What one build-and-scan of a proposal found, as kept for the history and the weekly digest: per Dockerfile the
/// two builds, the number of package changes and the advisories fixed / introduced (with ids) and still present (counts).
/// </summary>
/// <param name="Repository">The tracked repository's id.</param>
/// <param name="Branch">The bot's branch of the group, e.g. <c>refreshbot/node</c>.</param>
/// <param name="PullRequest">The pull request's number, when one was created or updated.</param>
/// <param name="Evaluated">When the cycle evaluated it.</param>
public sealed record RecordedEvaluation(
    string Repository,
    string Branch,
    int? PullRequest,
    DateTimeOffset Evaluated,
    IReadOnlyList<RecordedDockerfileEvaluation> Dockerfiles)
{
    /// <summary>The history's form of <paramref name="evaluation"/>.</summary>
    public static RecordedEvaluation Of(string repository, string branch, int? pullRequest, DateTimeOffset evaluated, ChangeEvaluation evaluation) =>
        new(repository, branch, pullRequest, evaluated, evaluation.Dockerfiles.Select(RecordedDockerfileEvaluation.Of).ToArray());
}

/// <param name="Old">The build before the change (null when not attempted).</param>
/// <param name="New">The build after the change (null when not attempted).</param>
/// <param name="Problem">Why nothing was built at all, or null.</param>
/// <param name="Scan">The package and advisory delta, when both images were read.</param>
public sealed record RecordedDockerfileEvaluation(string Dockerfile, RecordedBuild? Old, RecordedBuild? New, string? Problem, RecordedScan? Scan)
{
    public static RecordedDockerfileEvaluation Of(DockerfileEvaluation evaluation) => new(
        evaluation.Dockerfile,
        RecordedBuild.Of(evaluation.Old),
        RecordedBuild.Of(evaluation.New),
        evaluation.Problem,
        RecordedScan.Of(evaluation.Delta));
}

/// <param name="SizeBytes">Image size, when it built.</param>
/// <param name="FailedStep">The step that failed, when it failed.</param>
public sealed record RecordedBuild(bool Succeeded, TimeSpan Duration, long? SizeBytes, string? FailedStep)
{
    public static RecordedBuild? Of(BuildResult? build) =>
        build is null ? null : new RecordedBuild(build.Succeeded, build.Duration, build.SizeBytes, build.FailedStep);
}

/// <param name="PackageChanges">Packages upgraded, downgraded, changed, added or removed.</param>
/// <param name="Fixed">Advisories present before and gone after, most severe first.</param>
/// <param name="Introduced">Advisories newly present after, most severe first.</param>
/// <param name="Remaining">Advisories present before and after, counted by severity.</param>
public sealed record RecordedScan(int PackageChanges, IReadOnlyList<RecordedAdvisory> Fixed, IReadOnlyList<RecordedAdvisory> Introduced, SeverityCounts Remaining)
{
    public SeverityCounts FixedCounts => SeverityCounts.Of(Fixed.Select(a => a.Severity));

    public SeverityCounts IntroducedCounts => SeverityCounts.Of(Introduced.Select(a => a.Severity));

    public static RecordedScan? Of(ScanDelta? delta) => delta is null
        ? null
        : new RecordedScan(
            delta.Packages.Count,
            delta.Fixed.Select(RecordedAdvisory.Of).ToArray(),
            delta.Introduced.Select(RecordedAdvisory.Of).ToArray(),
            SeverityCounts.Of(delta.Remaining.Select(v => v.Severity)));

}

/// <param name="Id">OSV id, e.g. <c>DSA-5801-1</c>.</param>
/// <param name="Aliases">Its aliases (CVE ids), sorted.</param>
public sealed record RecordedAdvisory(string Id, SeverityLevel Severity, IReadOnlyList<string> Aliases)
{
    public static RecordedAdvisory Of(VulnerabilityChange change) => new(change.Id, change.Severity, change.Aliases);
}
