using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Testing.Reports;

/// <summary>
/// Hand-made weekly digests for renderer and publisher tests (figures chosen by hand, consistent with each other):
/// a busy fleet, an empty fleet, a first week (one trend point) and a fleet whose repositories only fail.
/// All of week <see cref="Week"/> (2026-W48: Monday 2026-11-23 to Monday 2026-11-30, UTC).
/// </summary>
public static class WeeklyDigestSamples
{
    public static IsoWeek Week { get; } = new(2026, 48);

    /// <summary>The week's end: every sample is a finished week.</summary>
    public static DateTimeOffset AsOf => Week.End;

    private static readonly SeverityCounts None = SeverityCounts.None;

    /// <summary>
    /// Four repositories: <c>acme/api</c> stale (PR #12 open 3 days, build ✓, fixes 1 critical + 2 high; lag 4d 6h),
    /// <c>acme/web</c> stale (PR #7 open 10 days, build ✗; lag 12h), <c>acme/worker</c> fresh (merged #5 this week,
    /// closed-unmerged #4), <c>acme/docs</c> failing. Trend over 4 weeks.
    /// </summary>
    public static WeeklyDigest Busy
    {
        get
        {
            var api = new RepositoryDigest(
                "acme/api", RepositoryStatus.Stale, TimeSpan.FromHours(102),
                [
                    new ProposalDigest(
                        12, "https://github.com/acme/api/pull/12", "refreshbot/api", "Refresh base images (node)",
                        AsOf.AddDays(-3), null, BuildStatus.Succeeded, new SeverityCounts(1, 2, 0, 1, 0), None, ["docker.io/library/node"]),
                ],
                [], [], AsOf.AddHours(-2), null, []);
            var web = new RepositoryDigest(
                "acme/web", RepositoryStatus.Stale, TimeSpan.FromHours(12),
                [
                    new ProposalDigest(
                        7, "https://github.com/acme/web/pull/7", "refreshbot/web", "Refresh base images (nginx)",
                        AsOf.AddDays(-10), null, BuildStatus.Failed, None, new SeverityCounts(0, 1, 0, 0, 0), ["docker.io/library/nginx"]),
                ],
                [], [], AsOf.AddHours(-3), null, ["docker.io/library/nginx:1.27: soak period (2 days) not over"]);
            var worker = new RepositoryDigest(
                "acme/worker", RepositoryStatus.Fresh, null, [],
                [
                    new ProposalDigest(
                        5, "https://github.com/acme/worker/pull/5", "refreshbot/worker", "Refresh base images (python)",
                        AsOf.AddDays(-6), AsOf.AddDays(-4), BuildStatus.Succeeded, new SeverityCounts(0, 1, 2, 0, 0), None, ["docker.io/library/python"]),
                ],
                [
                    new ProposalDigest(
                        4, "https://github.com/acme/worker/pull/4", "refreshbot/worker-alpine", "Refresh base images (alpine)",
                        AsOf.AddDays(-9), AsOf.AddDays(-5), BuildStatus.NotRun, None, None, ["docker.io/library/alpine"]),
                ],
                AsOf.AddHours(-1), null, []);
            var docs = new RepositoryDigest(
                "acme/docs", RepositoryStatus.Failing, null, [], [], [], AsOf.AddHours(-5), "registry docker.io: 503 Service Unavailable", []);
            return new WeeklyDigest(
                Week,
                AsOf,
                new FleetSummary(
                    4, 1, TimeSpan.FromHours(57), TimeSpan.FromHours(102), "acme/api", 2, 1, 1, 1,
                    [
                        new BaseImageUse("docker.io/library/node", 2, ["20-alpine", "22"]),
                        new BaseImageUse("docker.io/library/alpine", 1, ["3.20"]),
                        new BaseImageUse("docker.io/library/nginx", 1, ["1.27"]),
                        new BaseImageUse("docker.io/library/python", 1, ["3.13-slim"]),
                    ]),
                [api, web, docs, worker],
                new SecuritySummary(
                    new SeverityCounts(0, 1, 2, 0, 0), ["CVE-2026-1001", "CVE-2026-2002", "CVE-2026-2003"],
                    new SeverityCounts(2, 5, 9, 14, 1), SeverityCounts.None, 3),
                [
                    new WeekTrendPoint(new IsoWeek(2026, 45), TimeSpan.FromHours(30), 1, 9),
                    new WeekTrendPoint(new IsoWeek(2026, 46), TimeSpan.FromHours(80), 3, 11),
                    new WeekTrendPoint(new IsoWeek(2026, 47), TimeSpan.FromHours(40), 2, 8),
                    new WeekTrendPoint(Week, TimeSpan.FromHours(57), 2, 7),
                ]);
        }
    }

    /// <summary>No repository configured: zeros, no lag, no images, one trend point.</summary>
    public static WeeklyDigest EmptyFleet => new(
        Week,
        AsOf,
        new FleetSummary(0, 0, null, null, null, 0, 0, 0, 0, []),
        [],
        new SecuritySummary(SeverityCounts.None, [], SeverityCounts.None, SeverityCounts.None, 0),
        [new WeekTrendPoint(Week, null, 0, 0)]);

    /// <summary>The first recorded week: two repositories, one PR opened this week (lag 1d 2h 3m 4s), a single trend point.</summary>
    public static WeeklyDigest FirstWeek
    {
        get
        {
            var lag = new TimeSpan(1, 2, 3, 4);
            return new WeeklyDigest(
                Week,
                AsOf,
                new FleetSummary(
                    2, 1, lag, lag, "acme/api", 1, 1, 0, 0,
                    [new BaseImageUse("docker.io/library/node", 2, ["22"])]),
                [
                    new RepositoryDigest(
                        "acme/api", RepositoryStatus.Stale, lag,
                        [
                            new ProposalDigest(
                                1, "https://github.com/acme/api/pull/1", "refreshbot/api", "Refresh base images (node)",
                                AsOf.AddDays(-1), null, BuildStatus.NotRun, None, None, ["docker.io/library/node"]),
                        ],
                        [], [], AsOf.AddHours(-1), null, []),
                    new RepositoryDigest("acme/web", RepositoryStatus.Fresh, null, [], [], [], AsOf.AddHours(-1), null, []),
                ],
                new SecuritySummary(SeverityCounts.None, [], SeverityCounts.None, SeverityCounts.None, 0),
                [new WeekTrendPoint(Week, lag, 1, 0)]);
        }
    }

    /// <summary>Two repositories whose every run failed and one that never ran: nothing fresh, no lag, no images.</summary>
    public static WeeklyDigest ErrorsOnly => new(
        Week,
        AsOf,
        new FleetSummary(3, 0, null, null, null, 0, 0, 0, 0, []),
        [
            new RepositoryDigest("acme/api", RepositoryStatus.Failing, null, [], [], [], AsOf.AddHours(-2), "clone failed: authentication required", []),
            new RepositoryDigest("acme/web", RepositoryStatus.Failing, null, [], [], [], AsOf.AddHours(-3), "registry ghcr.io: 401 Unauthorized", []),
            new RepositoryDigest("acme/new", RepositoryStatus.NotRun, null, [], [], [], null, null, []),
        ],
        new SecuritySummary(SeverityCounts.None, [], SeverityCounts.None, SeverityCounts.None, 0),
        [
            new WeekTrendPoint(new IsoWeek(2026, 47), null, 0, 0),
            new WeekTrendPoint(Week, null, 0, 0),
        ]);
}
