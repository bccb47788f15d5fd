using BenchmarkDotNet.Attributes;
using RefreshBot.Adapters.Reports;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Benchmarks;

/// <summary>
/// Rendering the weekly digest of a large fleet (1,000 repositories, a third stale with an open pull request,
/// 60 base images, 8 trend weeks) in each format: what the weekly job and <c>refreshbot report</c> spend after the
/// history queries. The model is generated deterministically.
/// </summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private WeeklyDigest _digest = null!;

    [Params(1_000)]
    public int Repositories { get; set; }

    [GlobalSetup]
    public void Setup() => _digest = LargeDigest(Repositories);

    [Benchmark]
    public int Markdown() => WeeklyDigestMarkdown.Render(_digest).Length;

    [Benchmark]
    public int Json() => WeeklyDigestJson.Render(_digest).Length;

    [Benchmark]
    public int Text() => WeeklyDigestText.Render(_digest).Length;

    [Benchmark]
    public int Html() => WeeklyDigestHtml.Render(_digest).Length;

    private static WeeklyDigest LargeDigest(int count)
    {
        var week = new IsoWeek(2026, 48);
        var asOf = week.End;
        var repositories = Enumerable.Range(0, count).Select(i =>
        {
            var id = $"acme/service-{i:D4}";
            var stale = i % 3 == 0;
            var open = stale
                ? new[]
                {
                    new ProposalDigest(
                        i + 1, $"https://github.com/{id}/pull/{i + 1}", "refreshbot/base-images", "Refresh base images: node:22 and 1 more",
                        asOf.AddHours(-(i % 200) - 1), null, i % 7 == 0 ? BuildStatus.Failed : BuildStatus.Succeeded,
                        new SeverityCounts(i % 2, i % 5, i % 9, 1, 0), SeverityCounts.None,
                        ["docker.io/library/node", $"ghcr.io/acme/base-{i % 60}"]),
                }
                : [];
            return new RepositoryDigest(
                id, stale ? RepositoryStatus.Stale : i % 50 == 1 ? RepositoryStatus.Failing : RepositoryStatus.Fresh,
                stale ? TimeSpan.FromHours((i % 200) + 1) : null, open, [], [], asOf.AddHours(-1),
                i % 50 == 1 ? "registry error (transient): ghcr.io unreachable" : null, []);
        }).ToList();
        var images = Enumerable.Range(0, 60).Select(i => new BaseImageUse($"ghcr.io/acme/base-{i}", count / 60, ["1", "2"])).ToList();
        var fleet = new FleetSummary(
            count, repositories.Count(r => r.Status == RepositoryStatus.Fresh), TimeSpan.FromHours(100), TimeSpan.FromHours(200),
            repositories[0].Repository, repositories.Sum(r => r.Open.Count), 40, 30, 5, images);
        var security = new SecuritySummary(new SeverityCounts(3, 12, 40, 9, 1), ["CVE-2026-0001", "CVE-2026-0002"], new SeverityCounts(10, 80, 300, 200, 5),
            new SeverityCounts(0, 1, 2, 0, 0), count);
        var trend = Enumerable.Range(0, 8).Select(i => new WeekTrendPoint(
            new IsoWeek(2026, 41 + i), TimeSpan.FromHours(150 - (i * 5)), 400 - (i * 10), 100 - (i * 3))).ToList();
        return new WeeklyDigest(week, asOf, fleet, repositories, security, trend);
    }
}
