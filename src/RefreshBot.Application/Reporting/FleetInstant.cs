using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Application.Reporting;

/// <summary>
/// The headline figures of the tracked fleet at one instant, from the recorded pull requests touching it and the
/// latest evaluations recorded by then (used for the digest's instant and for each trend point).
/// </summary>
/// <param name="AsOf">The instant.</param>
/// <param name="Lags">Per tracked repository its lag at <paramref name="AsOf"/> (null: nothing pending).</param>
/// <param name="Open">Per tracked repository its refresh pull requests open at <paramref name="AsOf"/>, by number.</param>
/// <param name="StillExposed">Advisories in the current images, by severity.</param>
/// <param name="EvaluatedRepositories">Tracked repositories with a scanned evaluation by <paramref name="AsOf"/>.</param>
internal sealed record FleetInstant(
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, TimeSpan?> Lags,
    IReadOnlyDictionary<string, IReadOnlyList<RecordedProposal>> Open,
    SeverityCounts StillExposed,
    int EvaluatedRepositories)
{
    public int OpenPullRequests => Open.Values.Sum(o => o.Count);

    /// <summary>Median of the lags that exist (the mean of the two middle ones for an even count); null when none.</summary>
    public TimeSpan? MedianLag
    {
        get
        {
            var lags = Lags.Values.OfType<TimeSpan>().Order().ToList();
            return lags.Count == 0
                ? null
                : lags.Count % 2 == 1
                    ? lags[lags.Count / 2]
                    : TimeSpan.FromTicks((lags[(lags.Count / 2) - 1].Ticks + lags[lags.Count / 2].Ticks) / 2);
        }
    }

    /// <param name="tracked">Repository ids in the config (others are ignored).</param>
    /// <param name="proposals">Recorded pull requests touching <paramref name="asOf"/> (more is fine).</param>
    /// <param name="evaluations">The latest evaluations as of <paramref name="asOf"/> (<see cref="IRefreshHistory.LatestEvaluationsAsync"/>).</param>
    public static FleetInstant Of(
        DateTimeOffset asOf, IReadOnlyCollection<string> tracked, IReadOnlyList<RepositoryProposal> proposals, IReadOnlyList<RecordedEvaluation> evaluations)
    {
        var open = tracked.ToDictionary(
            id => id,
            id => (IReadOnlyList<RecordedProposal>)proposals
                .Where(p => p.Repository == id && IsOpenAt(p.Proposal, asOf))
                .Select(p => p.Proposal)
                .OrderBy(p => p.Number)
                .ToList(),
            StringComparer.Ordinal);
        var lags = open.ToDictionary(o => o.Key, o => Lag(o.Value, asOf), StringComparer.Ordinal);
        var (exposed, evaluated) = Exposure(asOf, open.Keys.ToHashSet(StringComparer.Ordinal), proposals, evaluations);
        return new FleetInstant(asOf, lags, open, exposed, evaluated);
    }

    /// <inheritdoc cref="Freshness.IsOpenAt"/>
    public static bool IsOpenAt(RecordedProposal proposal, DateTimeOffset instant) => Freshness.IsOpenAt(proposal, instant);

    /// <inheritdoc cref="Freshness.Lag"/>
    public static TimeSpan? Lag(IReadOnlyList<RecordedProposal> open, DateTimeOffset asOf) => Freshness.Lag(open, asOf);

    /// <summary>
    /// Per tracked repository and Dockerfile, its latest scanned evaluation as of <paramref name="asOf"/>: the advisories
    /// still present plus the ones the change introduced when its pull request was merged by then, else the ones it
    /// would fix (the current image is the old one).
    /// </summary>
    private static (SeverityCounts Exposed, int Evaluated) Exposure(
        DateTimeOffset asOf, HashSet<string> tracked, IReadOnlyList<RepositoryProposal> proposals, IReadOnlyList<RecordedEvaluation> evaluations)
    {
        var latest = evaluations
            .Where(e => tracked.Contains(e.Repository) && e.Evaluated <= asOf)
            .SelectMany(e => e.Dockerfiles.Where(d => d.Scan is not null).Select(d => (Evaluation: e, Dockerfile: d)))
            .GroupBy(x => (x.Evaluation.Repository, x.Dockerfile.Dockerfile))
            .Select(g => g.MaxBy(x => x.Evaluation.Evaluated))
            .ToList();
        var exposed = SeverityCounts.None;
        foreach (var (evaluation, dockerfile) in latest)
        {
            var merged = evaluation.PullRequest is { } number && proposals.Any(p =>
                p.Repository == evaluation.Repository && p.Proposal.Number == number
                && p.Proposal.State == PullRequestState.Merged && p.Proposal.Closed <= asOf);
            var scan = dockerfile.Scan!;
            exposed = exposed.Plus(scan.Remaining).Plus(merged ? scan.IntroducedCounts : scan.FixedCounts);
        }

        return (exposed, latest.Select(x => x.Evaluation.Repository).Distinct(StringComparer.Ordinal).Count());
    }
}
