using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Reporting;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;
using static RefreshBot.Integration.Tests.Reporting.DigestFixtures;

namespace RefreshBot.Integration.Tests.Reporting;

/// <summary>
/// The weekly digest computed from a real history (SQLite file: <see cref="SqliteWeeklyDigestTests"/>; PostgreSQL server:
/// <see cref="PostgresWeeklyDigestTests"/>) written through the store's API; every figure compared exactly.
/// </summary>
public abstract class WeeklyDigestBuilderContract
{
    private static readonly IsoWeek Week = new(2026, 48);
    private static readonly string[] Configured = ["acme/api", "acme/web", "acme/worker", "acme/docs", "acme/new"];

    protected abstract Task<IHistoryStore> OpenAsync();

    private static Task<WeeklyDigest> BuildAsync(IHistoryStore store, IsoWeek week, DateTimeOffset now, params string[] ids) =>
        new WeeklyDigestBuilder(store, store).BuildAsync(week, Fleet(ids), now, default);

    [Fact]
    public async Task A_busy_week_gives_exact_figures()
    {
        await using var store = await OpenAsync();
        await BusyAsync(store);

        var digest = await BuildAsync(store, Week, At(12, 1, 0), Configured);

        var apiLag = TimeSpan.FromHours(352);                                  // 11-30 00:00 − 11-15 08:00
        var webLag = new TimeSpan(2, 12, 29, 45);                              // 11-30 00:00 − 11-27 11:30:15
        Assert.Equal((Week, Week.End), (digest.Week, digest.AsOf));
        var fleet = digest.Fleet;
        Assert.Equal((5, 1, 2, 1, 1, 1), (fleet.RepositoriesTracked, fleet.FullyFresh, fleet.OpenPullRequests, fleet.OpenedThisWeek, fleet.MergedThisWeek, fleet.ClosedUnmergedThisWeek));
        Assert.Equal(TimeSpan.FromTicks((apiLag.Ticks + webLag.Ticks) / 2), fleet.MedianLag);
        Assert.Equal((apiLag, "acme/api"), (fleet.WorstLag!.Value, fleet.WorstLagRepository));
        Assert.Equal(0.2, fleet.ShareFullyFresh);
        Assert.Equal(
            ["docker.io/library/node 2 20-alpine,22", "docker.io/library/python 2 3.13-slim", "docker.io/library/nginx 1 1.27", "ghcr.io/acme/base 1 @digest"],
            fleet.BaseImages.Select(b => $"{b.Image} {b.Repositories} {string.Join(',', b.Tags)}"));

        Assert.Equal(
            [
                ("acme/api", RepositoryStatus.Stale, (TimeSpan?)apiLag, (DateTimeOffset?)At(11, 29, 10, 5), (string?)null),
                ("acme/web", RepositoryStatus.Stale, webLag, At(11, 29, 11, 5), null),
                ("acme/docs", RepositoryStatus.Failing, null, At(11, 29, 13, 5), "registry docker.io: 503"),
                ("acme/new", RepositoryStatus.NotRun, null, null, null),
                ("acme/worker", RepositoryStatus.Fresh, null, At(11, 29, 12, 5), null),
            ],
            digest.Repositories.Select(r => (r.Repository, r.Status, r.Lag, r.LastRun, r.LastError)));
        var api = digest.Repositories[0];
        var open = Assert.Single(api.Open);
        Assert.Equal(
            (12, "https://github.com/acme/api/pull/12", "refreshbot/api", "Refresh refreshbot/api", At(11, 16, 9), (DateTimeOffset?)null, BuildStatus.Succeeded),
            (open.Number, open.Url, open.Branch, open.Title, open.Opened, open.Closed, open.Build));
        Assert.Equal((new SeverityCounts(0, 1, 0, 0, 0), SeverityCounts.None), (open.WouldFix, open.Introduces));
        Assert.Equal([Node, Python], open.Images);
        Assert.Equal(TimeSpan.FromHours(327), open.AgeAt(digest.AsOf));
        Assert.Equal((7, BuildStatus.Failed), (Assert.Single(digest.Repositories[1].Open).Number, digest.Repositories[1].Open[0].Build));

        var worker = digest.Repositories[4];
        Assert.Empty(worker.Open);
        var merged = Assert.Single(worker.Merged);
        Assert.Equal((5, (DateTimeOffset?)At(11, 25, 15, 30), BuildStatus.Succeeded), (merged.Number, merged.Closed, merged.Build));
        Assert.Equal((new SeverityCounts(1, 1, 0, 0, 0), new SeverityCounts(0, 0, 0, 1, 0)), (merged.WouldFix, merged.Introduces));
        var closed = Assert.Single(worker.ClosedUnmerged);
        Assert.Equal((4, (DateTimeOffset?)At(11, 24, 8), BuildStatus.NotRun), (closed.Number, closed.Closed, closed.Build));

        var security = digest.Security;
        Assert.Equal(new SeverityCounts(1, 1, 0, 0, 0), security.FixedByMerged);
        Assert.Equal(["CVE-2026-0001", "DSA-2"], security.FixedIds);
        Assert.Equal(new SeverityCounts(0, 0, 0, 1, 0), security.NewExposure);
        // api (0,0,1)+fixed (0,1) · worker (0,1,2,0,1)+introduced (0,0,0,1) · worker base (1) after its merge
        Assert.Equal(new SeverityCounts(1, 2, 3, 1, 1), security.StillExposed);
        Assert.Equal(2, security.EvaluatedRepositories);

        Assert.Equal(
            [
                new WeekTrendPoint(new IsoWeek(2026, 46), null, 0, 0),
                new WeekTrendPoint(new IsoWeek(2026, 47), TimeSpan.FromHours(164), 3, 5),
                new WeekTrendPoint(Week, fleet.MedianLag, 2, 3),
            ],
            digest.Trend);
    }

    [Fact]
    public async Task A_pull_request_open_across_weeks_grows_its_lag_and_a_merge_counts_in_its_own_week_only()
    {
        await using var store = await OpenAsync();
        await BusyAsync(store);

        var previous = await BuildAsync(store, Week.Previous, At(12, 1, 0), Configured);
        var midWeek = await BuildAsync(store, Week, At(11, 26, 0), Configured);

        Assert.Equal(Week.Start, previous.AsOf);
        Assert.Equal(TimeSpan.FromHours(184), previous.Repositories.Single(r => r.Repository == "acme/api").Lag);
        Assert.Equal(TimeSpan.FromHours(256), midWeek.Repositories.Single(r => r.Repository == "acme/api").Lag);
        var worker = previous.Repositories.Single(r => r.Repository == "acme/worker");
        Assert.Equal([3], worker.Merged.Select(p => p.Number));
        Assert.Equal(TimeSpan.FromHours(144), worker.Lag);
        Assert.Equal((1, 0, 4), (previous.Fleet.MergedThisWeek, previous.Fleet.ClosedUnmergedThisWeek, previous.Fleet.OpenedThisWeek));
        Assert.Equal(["DSA-3"], previous.Security.FixedIds);
        Assert.Equal(new SeverityCounts(0, 0, 1, 0, 0), previous.Security.FixedByMerged);
        Assert.Equal([new IsoWeek(2026, 46), new IsoWeek(2026, 47)], previous.Trend.Select(t => t.Week));

        Assert.Equal(At(11, 26, 0), midWeek.AsOf);
        Assert.Equal((1, 1, 0), (midWeek.Fleet.MergedThisWeek, midWeek.Fleet.ClosedUnmergedThisWeek, midWeek.Fleet.OpenedThisWeek));
        Assert.DoesNotContain(midWeek.Repositories.SelectMany(r => r.Merged), p => p.Number == 3);
        Assert.Equal(RepositoryStatus.NotRun, midWeek.Repositories.Single(r => r.Repository == "acme/web").Status);
    }

    [Fact]
    public async Task An_empty_fleet_gives_zeros_and_ignores_the_history_of_unconfigured_repositories()
    {
        await using var store = await OpenAsync();
        var empty = await BuildAsync(store, Week, At(12, 1, 0));
        await BusyAsync(store);
        var unconfigured = await BuildAsync(store, Week, At(12, 1, 0));

        foreach (var digest in new[] { empty, unconfigured })
        {
            Assert.Equal((0, 0, 0, 0, 0, 0), (digest.Fleet.RepositoriesTracked, digest.Fleet.FullyFresh, digest.Fleet.OpenPullRequests, digest.Fleet.OpenedThisWeek, digest.Fleet.MergedThisWeek, digest.Fleet.ClosedUnmergedThisWeek));
            Assert.Equal(((TimeSpan?)null, (TimeSpan?)null, (string?)null, 0.0), (digest.Fleet.MedianLag, digest.Fleet.WorstLag, digest.Fleet.WorstLagRepository, digest.Fleet.ShareFullyFresh));
            Assert.Empty(digest.Fleet.BaseImages);
            Assert.Empty(digest.Repositories);
            Assert.Equal((SeverityCounts.None, SeverityCounts.None, SeverityCounts.None, 0), (digest.Security.FixedByMerged, digest.Security.StillExposed, digest.Security.NewExposure, digest.Security.EvaluatedRepositories));
        }

        Assert.Equal([new WeekTrendPoint(Week, null, 0, 0)], empty.Trend);
        Assert.Equal(3, unconfigured.Trend.Count);
    }

    [Fact]
    public async Task The_first_week_has_a_single_trend_point()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "acme/api", At(11, 24, 9), RunOutcome.Succeeded);
        await ProposalAsync(store, "acme/api", 1, "refreshbot/api", At(11, 24, 9), PullRequestState.Open, null, Update(Node, At(11, 24, 8, 59, 59)));
        await RunAsync(store, "acme/web", At(11, 24, 10), RunOutcome.Succeeded);

        var digest = await BuildAsync(store, Week, At(11, 25, 10, 0, 1), "acme/api", "acme/web");

        var lag = new TimeSpan(1, 1, 0, 2);
        Assert.Equal([new WeekTrendPoint(Week, lag, 1, 0)], digest.Trend);
        Assert.Equal((2, 1, 1, (TimeSpan?)lag), (digest.Fleet.RepositoriesTracked, digest.Fleet.FullyFresh, digest.Fleet.OpenedThisWeek, digest.Fleet.MedianLag));
        Assert.Equal([RepositoryStatus.Stale, RepositoryStatus.Fresh], digest.Repositories.Select(r => r.Status));
    }

    [Fact]
    public async Task Repositories_with_errors_only_are_failing_with_their_last_reason()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "acme/api", At(11, 20, 9), RunOutcome.Failed, "clone failed: authentication required");
        await RunAsync(store, "acme/api", At(11, 27, 9), RunOutcome.Failed, "registry ghcr.io: 401 Unauthorized");
        var interrupted = await store.RunStartedAsync("acme/web", At(11, 26, 9), default);
        await store.RunFinishedAsync(interrupted, At(11, 27, 0), RunOutcome.Interrupted, null, default);

        var digest = await BuildAsync(store, Week, At(12, 1, 0), "acme/api", "acme/web", "acme/new");

        Assert.Equal(
            [
                ("acme/api", RepositoryStatus.Failing, "registry ghcr.io: 401 Unauthorized"),
                ("acme/new", RepositoryStatus.NotRun, null),
                ("acme/web", RepositoryStatus.Failing, "Interrupted"),
            ],
            digest.Repositories.Select(r => (r.Repository, r.Status, r.LastError)));
        Assert.Equal((3, 0, 0), (digest.Fleet.RepositoriesTracked, digest.Fleet.FullyFresh, digest.Fleet.OpenPullRequests));
        Assert.Equal([new IsoWeek(2026, 47), Week], digest.Trend.Select(t => t.Week));
        Assert.All(digest.Trend, t => Assert.Equal(((TimeSpan?)null, 0, 0), (t.MedianLag, t.OpenPullRequests, t.ExposedCriticalHigh)));
    }
}
