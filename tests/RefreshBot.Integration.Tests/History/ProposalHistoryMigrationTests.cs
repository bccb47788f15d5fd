using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// Schema version 5 (pull request lifecycle) on a real SQLite file: a version-4 database's per-branch proposals become
/// pull requests, readable with sensible defaults (opened/closed = last update; closed by the bot = closed unmerged; any
/// other closed one = merged).
/// </summary>
public sealed class ProposalHistoryMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Updated = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-history-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_version_4_database_keeps_its_proposals_as_pull_requests()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, SqliteRefreshHistory.FileName), Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Sqlite, 4, default);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO proposals (repository, branch, number, url, open, updated) VALUES
                  ('acme/app', 'refreshbot/node', 4, 'u4', 1, '2026-10-01T12:00:00.0000000+00:00'),
                  ('acme/app', 'refreshbot/python', 2, 'u2', 0, '2026-10-01T12:00:00.0000000+00:00'),
                  ('acme/app', 'refreshbot/alpine', 3, 'u3', 0, '2026-10-01T12:00:00.0000000+00:00');
                INSERT INTO closed_by_bot (repository, number, closed) VALUES ('acme/app', 3, '2026-10-01T12:00:00.0000000+00:00');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);

        Assert.Equal(
            [
                ("acme/app", new RecordedProposal("refreshbot/python", 2, "u2", PullRequestState.Merged) { Opened = Updated, Closed = Updated }),
                ("acme/app", new RecordedProposal("refreshbot/alpine", 3, "u3", PullRequestState.ClosedUnmerged) { Opened = Updated, Closed = Updated }),
                ("acme/app", new RecordedProposal("refreshbot/node", 4, "u4", PullRequestState.Open) { Opened = Updated }),
            ],
            (await history.ProposalsTouchingAsync(DateTimeOffset.MinValue, Updated, default)).Select(p => (p.Repository, p.Proposal)));
        Assert.Equal([4], (await history.OpenProposalsAsync("acme/app", default)).Select(p => p.Number));
    }
}
