using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Integration.Tests.History;

/// <summary>Build-and-scan results in the real SQLite file: round trip, the digest's reads, dry run, upgrade from schema 1.</summary>
public sealed class EvaluationHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-evaluations-").FullName;

    private static RecordedEvaluation Sample(string repository, DateTimeOffset at, int? number = 7) => new(
        repository,
        "refreshbot/debian",
        number,
        at,
        [
            new RecordedDockerfileEvaluation(
                "Dockerfile",
                new RecordedBuild(true, TimeSpan.FromTicks(123_456_789), 80_000_000, null),
                new RecordedBuild(true, TimeSpan.FromSeconds(41.5), 79_000_000, null),
                null,
                new RecordedScan(
                    3,
                    [new RecordedAdvisory("DSA-9001-1", SeverityLevel.Critical, ["CVE-2026-0001"]), new RecordedAdvisory("DSA-9003-1", SeverityLevel.High, [])],
                    [new RecordedAdvisory("GHSA-x", SeverityLevel.Low, ["CVE-2026-0009", "CVE-2026-0010"])],
                    new SeverityCounts(0, 1, 2, 0, 1))),
            new RecordedDockerfileEvaluation(
                "worker/Dockerfile",
                new RecordedBuild(true, TimeSpan.FromSeconds(3), 5_000_000, null),
                new RecordedBuild(false, TimeSpan.FromSeconds(2), null, "Step 3/5 : RUN make"),
                null,
                null),
            new RecordedDockerfileEvaluation("broken/Dockerfile", null, null, "docker is not installed", null),
        ]);

    [Fact]
    public async Task An_evaluation_round_trips_through_the_file_with_builds_counts_and_advisory_ids()
    {
        var recorded = Sample("acme/app", Monday);
        await using (var history = await SqliteRefreshHistory.OpenAsync(_folder, default))
        {
            await history.RecordEvaluationAsync(recorded, default);
        }

        await using var reopened = await SqliteRefreshHistory.OpenAsync(_folder, default);
        var read = Assert.Single(await reopened.EvaluationsAsync("acme/app", Monday, default));

        AssertSame(recorded, read);
        var scan = read.Dockerfiles[0].Scan!;
        Assert.Equal(new SeverityCounts(1, 1, 0, 0, 0), scan.FixedCounts);
        Assert.Equal(new SeverityCounts(0, 0, 0, 1, 0), scan.IntroducedCounts);
        Assert.Equal(4, scan.Remaining.Total);
    }

    [Fact]
    public async Task Evaluations_are_read_since_a_time_per_repository_or_for_the_whole_fleet_oldest_first()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddDays(-8)), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday.AddDays(2), number: null), default);
        await history.RecordEvaluationAsync(Sample("acme/other", Monday.AddDays(1)), default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);

        var app = await history.EvaluationsAsync("acme/app", Monday, default);
        var fleet = await history.EvaluationsAsync(null, Monday, default);

        Assert.Equal([Monday, Monday.AddDays(2)], app.Select(e => e.Evaluated));
        Assert.Equal([7, null], app.Select(e => e.PullRequest));
        Assert.Equal(["acme/app", "acme/other", "acme/app"], fleet.Select(e => e.Repository));
        Assert.All(fleet, e => Assert.Equal(["DSA-9001-1", "DSA-9003-1"], e.Dockerfiles[0].Scan!.Fixed.Select(a => a.Id)));
        Assert.Empty(await history.EvaluationsAsync("acme/app", Monday.AddDays(3), default));
    }

    [Fact]
    public async Task A_dry_run_records_no_evaluation_but_reads_the_real_ones()
    {
        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);
        await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);
        var dry = new ReadOnlyHistory(history);

        await dry.RecordEvaluationAsync(Sample("acme/app", Monday.AddHours(1)), default);

        Assert.Equal([Monday], (await dry.EvaluationsAsync("acme/app", Monday, default)).Select(e => e.Evaluated));
        Assert.Single(await history.EvaluationsAsync(null, DateTimeOffset.MinValue, default));
    }

    [Fact]
    public async Task A_database_of_schema_version_1_is_upgraded_in_place_keeping_its_data()
    {
        var file = Path.Combine(_folder, SqliteRefreshHistory.FileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await HistoryMigrations.ApplyAsync(connection, 1, default);
            Assert.Equal(1, await HistoryMigrations.CurrentVersionAsync(connection, default));
            using var old = connection.CreateCommand();
            old.CommandText = """
                INSERT INTO proposals (repository, branch, number, url, open, updated) VALUES ('acme/app', 'refreshbot/node', 4, 'u4', 1, '2026-10-01T00:00:00.0000000+00:00');
                INSERT INTO digest_sightings (image, tag, platform, digest, first_seen) VALUES ('docker.io/library/node', '22', '*', 'sha256:aa', '2026-10-01T00:00:00.0000000+00:00');
                """;
            await old.ExecuteNonQueryAsync();
            using var absent = connection.CreateCommand();
            absent.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'evaluations'";
            Assert.Equal(0L, await absent.ExecuteScalarAsync());
        }

        await using (var history = await SqliteRefreshHistory.OpenAsync(_folder, default))
        {
            Assert.Equal([new RecordedProposal("refreshbot/node", 4, "u4", true)], await history.OpenProposalsAsync("acme/app", default));
            Assert.Equal(
                new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
                await history.FindFirstSeenAsync(new DigestSighting("docker.io/library/node", "22", "*", "sha256:aa"), default));
            await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);
            AssertSame(Sample("acme/app", Monday), Assert.Single(await history.EvaluationsAsync("acme/app", Monday, default)));
        }

        await using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(4, HistoryMigrations.Latest);
        Assert.Equal(HistoryMigrations.Latest, await HistoryMigrations.CurrentVersionAsync(check, default));
    }

    private static void AssertSame(RecordedEvaluation expected, RecordedEvaluation actual)
    {
        Assert.Equal(expected with { Dockerfiles = [] }, actual with { Dockerfiles = [] });
        Assert.Equal(expected.Dockerfiles.Count, actual.Dockerfiles.Count);
        foreach (var (e, a) in expected.Dockerfiles.Zip(actual.Dockerfiles))
        {
            Assert.Equal(e with { Scan = null }, a with { Scan = null });
            Assert.Equal(e.Scan is null, a.Scan is null);
            if (e.Scan is { } es && a.Scan is { } @as)
            {
                Assert.Equal(es.PackageChanges, @as.PackageChanges);
                Assert.Equal(es.Remaining, @as.Remaining);
                Assert.Equal(Flatten(es.Fixed), Flatten(@as.Fixed));
                Assert.Equal(Flatten(es.Introduced), Flatten(@as.Introduced));
            }
        }
    }

    private static IEnumerable<string> Flatten(IReadOnlyList<RecordedAdvisory> advisories) =>
        advisories.Select(a => $"{a.Id} {a.Severity} [{string.Join(",", a.Aliases)}]");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
