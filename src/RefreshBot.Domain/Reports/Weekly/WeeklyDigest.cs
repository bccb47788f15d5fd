using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// The weekly digest for maintainers (issue 6): built from the history as of the end of <see cref="Week"/> (or of
/// <see cref="AsOf"/> when the week is not over), rendered as Markdown, HTML and JSON. Plain data: every figure the
/// renderers show is here, computed once, so the three formats always agree.
/// CONTRACT (shape fixed for the renderers and the publishers; the builder's work item may add members).
/// </summary>
/// <param name="Week">The ISO week reported.</param>
/// <param name="AsOf">The instant the figures describe: the week's end, or the generation time when earlier.</param>
/// <param name="Fleet">Fleet-wide summary.</param>
/// <param name="Repositories">One entry per tracked repository, sorted by lag (worst first), then id.</param>
/// <param name="Security">Vulnerability exposure.</param>
/// <param name="Trend">Headline figures of previous weeks, oldest first, ending with this week (a single point in the first week).</param>
public sealed record WeeklyDigest(
    IsoWeek Week,
    DateTimeOffset AsOf,
    FleetSummary Fleet,
    IReadOnlyList<RepositoryDigest> Repositories,
    SecuritySummary Security,
    IReadOnlyList<WeekTrendPoint> Trend);

/// <param name="RepositoriesTracked">Repositories in the config.</param>
/// <param name="FullyFresh">Repositories with no pending refresh (no lag) whose last run succeeded.</param>
/// <param name="MedianLag">Median lag over repositories that have one (null when none has).</param>
/// <param name="WorstLag">Largest lag, and <paramref name="WorstLagRepository"/> its repository.</param>
/// <param name="OpenPullRequests">Refresh PRs open at <see cref="WeeklyDigest.AsOf"/>.</param>
/// <param name="OpenedThisWeek">Refresh PRs opened during the week.</param>
/// <param name="MergedThisWeek">Refresh PRs merged during the week.</param>
/// <param name="ClosedUnmergedThisWeek">Refresh PRs closed without merging during the week.</param>
/// <param name="BaseImages">Base images in use, by number of repositories (most first), then name.</param>
public sealed record FleetSummary(
    int RepositoriesTracked,
    int FullyFresh,
    TimeSpan? MedianLag,
    TimeSpan? WorstLag,
    string? WorstLagRepository,
    int OpenPullRequests,
    int OpenedThisWeek,
    int MergedThisWeek,
    int ClosedUnmergedThisWeek,
    IReadOnlyList<BaseImageUse> BaseImages)
{
    /// <summary>Share of repositories fully fresh, 0..1 (0 for an empty fleet).</summary>
    public double ShareFullyFresh => RepositoriesTracked == 0 ? 0 : (double)FullyFresh / RepositoriesTracked;
}

/// <param name="Image">Normalized image name, e.g. <c>docker.io/library/node</c>.</param>
/// <param name="Repositories">How many repositories use it.</param>
/// <param name="Tags">The tags in use, sorted (a digest-only use is listed as <c>@digest</c>).</param>
public sealed record BaseImageUse(string Image, int Repositories, IReadOnlyList<string> Tags);

public enum RepositoryStatus
{
    /// <summary>Nothing pending, last run succeeded.</summary>
    Fresh,

    /// <summary>A newer base digest is known and not merged (see <see cref="RepositoryDigest.Lag"/>).</summary>
    Stale,

    /// <summary>The last run failed (see <see cref="RepositoryDigest.LastError"/>).</summary>
    Failing,

    /// <summary>Never ran by <see cref="WeeklyDigest.AsOf"/>.</summary>
    NotRun,
}

/// <param name="Repository">The tracked repository's id.</param>
/// <param name="Lag">Freshness lag: time since the newest digest of one of its bases was first seen and not merged
/// yet (the oldest such first-seen among its open refresh PRs); null when nothing is pending.</param>
/// <param name="Open">Its open refresh PRs.</param>
/// <param name="Merged">Refresh PRs merged during the week.</param>
/// <param name="ClosedUnmerged">Refresh PRs closed without merging during the week.</param>
/// <param name="LastRun">When its last run finished (null: never).</param>
/// <param name="LastError">The last run's failure reason, when it failed.</param>
/// <param name="SkipReasons">Why the last run left image uses alone (index churn, soak, policy), as recorded.</param>
public sealed record RepositoryDigest(
    string Repository,
    RepositoryStatus Status,
    TimeSpan? Lag,
    IReadOnlyList<ProposalDigest> Open,
    IReadOnlyList<ProposalDigest> Merged,
    IReadOnlyList<ProposalDigest> ClosedUnmerged,
    DateTimeOffset? LastRun,
    string? LastError,
    IReadOnlyList<string> SkipReasons);

public enum BuildStatus
{
    /// <summary>Build and scan off, or not evaluated yet.</summary>
    NotRun,
    Succeeded,
    Failed,
}

/// <param name="Number">Pull request number.</param>
/// <param name="Url">Where a person sees it.</param>
/// <param name="Branch">The bot's branch.</param>
/// <param name="Title">The PR title.</param>
/// <param name="Opened">When the bot opened it.</param>
/// <param name="Closed">When it was merged or closed (null while open).</param>
/// <param name="Build">Build result of its latest evaluation (new image).</param>
/// <param name="WouldFix">Advisories its latest evaluation found fixed by the change, by severity.</param>
/// <param name="Introduces">Advisories its latest evaluation found introduced by the change, by severity.</param>
/// <param name="Images">The images it updates (normalized names), sorted.</param>
public sealed record ProposalDigest(
    int Number,
    string Url,
    string Branch,
    string Title,
    DateTimeOffset Opened,
    DateTimeOffset? Closed,
    BuildStatus Build,
    SeverityCounts WouldFix,
    SeverityCounts Introduces,
    IReadOnlyList<string> Images)
{
    /// <summary>Age at <paramref name="asOf"/> (open) or how long it was open (closed).</summary>
    public TimeSpan AgeAt(DateTimeOffset asOf) => (Closed ?? asOf) - Opened;
}

/// <param name="FixedByMerged">Advisories fixed by refresh PRs merged during the week, by severity.</param>
/// <param name="FixedIds">Their ids (CVE alias when there is one), most severe first.</param>
/// <param name="StillExposed">Advisories present in the repositories' current images (per latest evaluation), by severity.</param>
/// <param name="NewExposure">Advisories introduced by refresh PRs merged during the week, by severity.</param>
/// <param name="EvaluatedRepositories">How many repositories have an evaluation to count from (exposure is unknown for the others).</param>
public sealed record SecuritySummary(
    SeverityCounts FixedByMerged,
    IReadOnlyList<string> FixedIds,
    SeverityCounts StillExposed,
    SeverityCounts NewExposure,
    int EvaluatedRepositories);

/// <param name="Week">The week.</param>
/// <param name="MedianLag">Median lag at the week's end.</param>
/// <param name="OpenPullRequests">Open refresh PRs at the week's end.</param>
/// <param name="ExposedCriticalHigh">Critical + high advisories still exposed at the week's end.</param>
public sealed record WeekTrendPoint(IsoWeek Week, TimeSpan? MedianLag, int OpenPullRequests, int ExposedCriticalHigh);
