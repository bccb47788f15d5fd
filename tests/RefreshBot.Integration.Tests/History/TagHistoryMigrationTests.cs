using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// Schema version 3 (tag heads, drift events) on a real SQLite file: a version-2 database upgrades in place, keeping
/// its sightings and taking the newest first-seen digest of each tag as its last recorded one.
/// </summary>
public sealed class TagHistoryMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-history-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_version_2_database_upgrades_in_place_and_knows_each_tags_last_digest()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, SqliteRefreshHistory.FileName), Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Sqlite, 2, default);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO digest_sightings (image, tag, platform, digest, first_seen) VALUES
                  ('r/node', '22', 'linux/amd64', 'sha256:aaa', '2026-02-01T00:00:00.0000000+00:00'),
                  ('r/node', '22', 'linux/amd64', 'sha256:bbb', '2026-02-10T00:00:00.0000000+00:00'),
                  ('r/node', '22', 'linux/arm64', 'sha256:ccc', '2026-02-05T00:00:00.0000000+00:00');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await using var history = await SqliteRefreshHistory.OpenAsync(_folder, default);

        var amd = await history.LastDigestAsync("r/node", "22", "linux/amd64", default);
        Assert.Equal(("sha256:bbb", new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero)), (amd?.Digest, amd?.FirstSeen));
        Assert.Equal("sha256:ccc", (await history.LastDigestAsync("r/node", "22", "linux/arm64", default))?.Digest);
        Assert.Null(await history.LastDigestAsync("r/node", "20", "linux/amd64", default));

        var moved = await history.TagSeenAsync(new DigestSighting("r/node", "22", "linux/amd64", "sha256:ddd"), T0, default);
        Assert.Equal("sha256:bbb", moved.Previous?.Digest);
        Assert.Equal(T0, moved.FirstSeen);
        var drift = Assert.Single(await history.DriftsAsync(T0, default));
        Assert.Equal(new RecordedDrift("r/node", "22", "linux/amd64", "sha256:bbb", "sha256:ddd", T0), drift);
        Assert.Empty(await history.DriftsAsync(T0.AddSeconds(1), default));

        var same = await history.TagSeenAsync(new DigestSighting("r/node", "22", "linux/amd64", "sha256:ddd"), T0.AddHours(1), default);
        Assert.False(same.Drifted);
        Assert.Equal(T0, same.FirstSeen);

        // Back to an older digest: still a move, and the first-seen time of the old digest is kept.
        var back = await history.TagSeenAsync(new DigestSighting("r/node", "22", "linux/amd64", "sha256:aaa"), T0.AddHours(2), default);
        Assert.Equal(("sha256:ddd", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), (back.Previous?.Digest, back.FirstSeen));
        Assert.Equal(2, (await history.DriftsAsync(DateTimeOffset.MinValue, default)).Count);
    }
}
