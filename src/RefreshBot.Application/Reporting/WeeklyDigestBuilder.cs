using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Application.Reporting;

/// <summary>
/// Computes the <see cref="WeeklyDigest"/> of one ISO week from the history (runs, refresh pull requests and their
/// evaluations) and the image usage index. Read only; the same history and <c>now</c> give the same digest.
/// <para>Semantics (every figure is as of AsOf = min(week end, now); "this week" = [week start, week end) up to AsOf):</para>
/// <list type="bullet">
/// <item>Only repositories in <c>repositories</c> (the config) count; history of others is ignored. A configured repository
/// with no run finished by AsOf is <see cref="RepositoryStatus.NotRun"/>.</item>
/// <item>Last run = the run finished last at or before AsOf; Failed or Interrupted → <see cref="RepositoryStatus.Failing"/>
/// with its reason (or the outcome's name).</item>
/// <item>Open = opened at or before AsOf and not merged/closed by then. Lag = AsOf − the earliest first-seen time among the
/// updates of the repository's open refresh PRs (a PR with no known first-seen counts from its opening); null when none is
/// open. Status: NotRun, else Failing, else Stale when it has a lag, else Fresh. Fully fresh = no lag and the last run succeeded.</item>
/// <item>Opened / merged / closed unmerged this week: opening / closing time within the week (and not after AsOf).</item>
/// <item>A PR's build and advisories: its latest evaluation recorded at or before its closing (or AsOf while open).</item>
/// <item>Fixed by merged / new exposure: the Fixed / Introduced advisories of those evaluations for PRs merged this week,
/// counted once per Dockerfile (image) they occur in; FixedIds are distinct (CVE alias when there is one).</item>
/// <item>Still exposed: per repository and Dockerfile, its latest scanned evaluation as of AsOf: Remaining + Introduced when
/// that PR was merged by AsOf, else Remaining + Fixed (the image in use is still the old one).</item>
/// <item>Base images: the image usage index as now recorded (each repository's last run), configured repositories only.</item>
/// <item>Trend: the same headline figures (median lag, open PRs, critical+high still exposed) at the end of each previous week,
/// up to 8 weeks back but not before the week of the first recorded run, then this week's at AsOf (one point in the first week).</item>
/// </list>
/// </summary>
public sealed class WeeklyDigestBuilder(IRefreshHistory history, IImageUsageIndex images)
{
    /// <summary>How many previous weeks the trend shows at most.</summary>
    public const int TrendWeeks = 8;

    /// <summary>The digest of <paramref name="week"/> for the configured <paramref name="repositories"/>, as of min(week end, <paramref name="now"/>).</summary>
    public async Task<WeeklyDigest> BuildAsync(IsoWeek week, IReadOnlyList<TrackedRepository> repositories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var asOf = week.End < now ? week.End : now;
        var tracked = repositories.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var trendWeeks = await TrendWeeksAsync(week, cancellationToken).ConfigureAwait(false);
        var instants = trendWeeks.Select(w => w.End < asOf ? w.End : asOf).Append(asOf).ToList();
        var from = instants[0] < week.Start ? instants[0] : week.Start;

        var evaluationsAt = new Dictionary<DateTimeOffset, IReadOnlyList<RecordedEvaluation>>();
        foreach (var instant in instants.Distinct())
        {
            evaluationsAt[instant] = await history.LatestEvaluationsAsync(instant, cancellationToken).ConfigureAwait(false);
        }

        var proposals = await ProposalsAsync(from, asOf, tracked, evaluationsAt.Values.SelectMany(e => e), cancellationToken).ConfigureAwait(false);
        var points = instants.Select(i => FleetInstant.Of(i, tracked, proposals, evaluationsAt[i])).ToList();
        var current = points[^1];

        var runs = (await history.LatestRunsAsync(asOf, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Repository, StringComparer.Ordinal);
        var touching = proposals.Where(p => tracked.Contains(p.Repository)).ToList();
        bool Within(DateTimeOffset? time) => time >= week.Start && time < week.End && time <= asOf;
        var merged = touching.Where(p => p.Proposal.State == PullRequestState.Merged && Within(p.Proposal.Closed)).ToList();
        var closedUnmerged = touching.Where(p => p.Proposal.State == PullRequestState.ClosedUnmerged && Within(p.Proposal.Closed)).ToList();

        var evaluationOf = new Dictionary<(string, int), RecordedEvaluation?>();
        var shown = touching.Where(p => FleetInstant.IsOpenAt(p.Proposal, asOf)).Concat(merged).Concat(closedUnmerged);
        foreach (var proposal in shown)
        {
            evaluationOf[(proposal.Repository, proposal.Proposal.Number)] = await LatestEvaluationAsync(
                proposal, proposal.Proposal.Closed is { } closed && closed < asOf ? closed : asOf, evaluationsAt[asOf], cancellationToken).ConfigureAwait(false);
        }

        ProposalDigest Digest(RepositoryProposal p) => ProposalDigests.Of(p.Proposal, evaluationOf.GetValueOrDefault((p.Repository, p.Proposal.Number)));
        var digests = tracked.Select(id => RepositoryOf(
                id,
                current,
                runs.GetValueOrDefault(id),
                [.. current.Open[id].Select(p => Digest(new RepositoryProposal(id, p)))],
                [.. merged.Where(p => p.Repository == id).Select(Digest)],
                [.. closedUnmerged.Where(p => p.Repository == id).Select(Digest)]))
            .OrderByDescending(r => r.Lag ?? TimeSpan.MinValue)
            .ThenBy(r => r.Repository, StringComparer.Ordinal)
            .ToList();

        var mergedEvaluations = merged.Select(p => evaluationOf.GetValueOrDefault((p.Repository, p.Proposal.Number))).OfType<RecordedEvaluation>().ToList();
        var security = new SecuritySummary(
            mergedEvaluations.Aggregate(SeverityCounts.None, (sum, e) => sum.Plus(ProposalDigests.Sum(e, s => s.FixedCounts))),
            ProposalDigests.Ids(mergedEvaluations.SelectMany(e => e.Dockerfiles).SelectMany(d => d.Scan?.Fixed ?? [])),
            current.StillExposed,
            mergedEvaluations.Aggregate(SeverityCounts.None, (sum, e) => sum.Plus(ProposalDigests.Sum(e, s => s.IntroducedCounts))),
            current.EvaluatedRepositories);

        var worst = digests.FirstOrDefault(r => r.Lag is not null);
        var fleet = new FleetSummary(
            tracked.Count,
            digests.Count(r => r.Lag is null && runs.GetValueOrDefault(r.Repository)?.Outcome == RunOutcome.Succeeded),
            current.MedianLag,
            worst?.Lag,
            worst?.Repository,
            current.OpenPullRequests,
            touching.Count(p => Within(p.Proposal.Opened)),
            merged.Count,
            closedUnmerged.Count,
            await BaseImagesAsync(tracked, cancellationToken).ConfigureAwait(false));

        var trend = points.Select((p, i) => new WeekTrendPoint(i < trendWeeks.Count ? trendWeeks[i] : week, p.MedianLag, p.OpenPullRequests, p.StillExposed.CriticalOrHigh)).ToList();
        return new WeeklyDigest(week, asOf, fleet, digests, security, trend);
    }

    private static RepositoryDigest RepositoryOf(
        string id, FleetInstant current, RecordedRun? run, IReadOnlyList<ProposalDigest> open, IReadOnlyList<ProposalDigest> merged, IReadOnlyList<ProposalDigest> closed)
    {
        var lag = current.Lags[id];
        return new RepositoryDigest(
            id, Freshness.StatusOf(run, lag), lag, open, merged, closed, run?.Finished, Freshness.LastErrorOf(run), Freshness.SkipReasonsOf(run));
    }

    /// <summary>Previous weeks shown in the trend, oldest first: up to <see cref="TrendWeeks"/>, none before the first run's week.</summary>
    private async Task<IReadOnlyList<IsoWeek>> TrendWeeksAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        if (await history.FirstRunStartedAsync(cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return [];
        }

        var firstWeek = IsoWeek.Of(first);
        var weeks = new List<IsoWeek>();
        for (var w = week.Previous; weeks.Count < TrendWeeks && w.CompareTo(firstWeek) >= 0; w = w.Previous)
        {
            weeks.Insert(0, w);
        }

        return weeks;
    }

    /// <summary>
    /// Pull requests touching [<paramref name="from"/>, <paramref name="to"/>], plus older ones an evaluation still
    /// refers to (a refresh merged long ago whose evaluation still tells what its image contains).
    /// </summary>
    private async Task<IReadOnlyList<RepositoryProposal>> ProposalsAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string> tracked, IEnumerable<RecordedEvaluation> evaluations, CancellationToken cancellationToken)
    {
        var proposals = (await history.ProposalsTouchingAsync(from, to, cancellationToken).ConfigureAwait(false)).ToList();
        var known = proposals.Select(p => (p.Repository, p.Proposal.Number)).ToHashSet();
        var missing = evaluations
            .Where(e => e.PullRequest is { } number && tracked.Contains(e.Repository) && !known.Contains((e.Repository, number)))
            .Select(e => (e.Repository, e.Branch))
            .Distinct();
        foreach (var (repository, branch) in missing)
        {
            foreach (var proposal in await history.ProposalsAsync(repository, branch, cancellationToken).ConfigureAwait(false))
            {
                if (known.Add((repository, proposal.Number)))
                {
                    proposals.Add(new RepositoryProposal(repository, proposal));
                }
            }
        }

        return proposals;
    }

    /// <summary>The pull request's latest evaluation at or before <paramref name="until"/> (from the ones as of AsOf, else asked as of <paramref name="until"/>).</summary>
    private async Task<RecordedEvaluation?> LatestEvaluationAsync(
        RepositoryProposal proposal, DateTimeOffset until, IReadOnlyList<RecordedEvaluation> latest, CancellationToken cancellationToken)
    {
        static RecordedEvaluation? Pick(IEnumerable<RecordedEvaluation> evaluations, RepositoryProposal p, DateTimeOffset until) =>
            evaluations.Where(e => e.Repository == p.Repository && e.PullRequest == p.Proposal.Number && e.Evaluated <= until).MaxBy(e => e.Evaluated);

        var mine = latest.Where(e => e.Repository == proposal.Repository && e.PullRequest == proposal.Proposal.Number).ToList();
        if (mine.Count == 0 || mine.All(e => e.Evaluated <= until))
        {
            return Pick(mine, proposal, until);
        }

        return Pick(await history.LatestEvaluationsAsync(until, cancellationToken).ConfigureAwait(false), proposal, until);
    }

    private async Task<IReadOnlyList<BaseImageUse>> BaseImagesAsync(IReadOnlySet<string> tracked, CancellationToken cancellationToken)
    {
        var uses = (await images.ImageUsesAsync(cancellationToken).ConfigureAwait(false)).Where(u => tracked.Contains(u.Repository));
        return
        [
            .. uses.GroupBy(u => u.Image, StringComparer.Ordinal)
                .Select(g => new BaseImageUse(
                    g.Key,
                    g.Select(u => u.Repository).Distinct(StringComparer.Ordinal).Count(),
                    [.. g.Select(u => u.Tag ?? "@digest").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
                .OrderByDescending(b => b.Repositories)
                .ThenBy(b => b.Image, StringComparer.Ordinal),
        ];
    }
}
