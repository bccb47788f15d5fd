using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using static RefreshBot.Integration.Tests.History.EvaluationSamples;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// Build-and-scan results in a SQLite file of an older schema: upgraded in place. (Round trip and reads are in
/// <see cref="HistoryStoreContract"/>, for both databases.)
/// </summary>
public sealed class EvaluationHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-evaluations-").FullName;

    [Fact]
    public async Task A_database_of_schema_version_1_is_upgraded_in_place_keeping_its_data()
    {
        var file = Path.Combine(_folder, SqliteRefreshHistory.FileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Sqlite, 1, default);
            Assert.Equal(1, await HistoryMigrations.CurrentVersionAsync(connection, null, default));
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
            Assert.Equal(
                [new RecordedProposal("refreshbot/node", 4, "u4", PullRequestState.Open) { Opened = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero) }],
                await history.OpenProposalsAsync("acme/app", default));
            Assert.Equal(
                new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
                await history.FindFirstSeenAsync(new DigestSighting("docker.io/library/node", "22", "*", "sha256:aa"), default));
            await history.RecordEvaluationAsync(Sample("acme/app", Monday), default);
            AssertSame(Sample("acme/app", Monday), Assert.Single(await history.EvaluationsAsync("acme/app", Monday, default)));
        }

        await using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(6, HistoryMigrations.Latest);
        Assert.Equal(HistoryMigrations.Latest, await HistoryMigrations.CurrentVersionAsync(check, null, default));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
