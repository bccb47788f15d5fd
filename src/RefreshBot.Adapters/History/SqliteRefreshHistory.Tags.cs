using Microsoft.Data.Sqlite;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>The digest each tag was last seen at, and drift events (schema version 3).</summary>
public sealed partial class SqliteRefreshHistory
{
    public Task<TagSighting> TagSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var transaction = _connection.BeginTransaction();
            var previous = await LastDigestCoreAsync(transaction, sighting.Image, sighting.Tag, sighting.Platform, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                transaction,
                "INSERT OR IGNORE INTO digest_sightings (image, tag, platform, digest, first_seen) VALUES ($i, $t, $p, $d, $now)",
                sighting, now, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                transaction,
                """
                INSERT INTO tag_heads (image, tag, platform, digest, last_seen) VALUES ($i, $t, $p, $d, $now)
                ON CONFLICT (image, tag, platform) DO UPDATE SET digest=$d, last_seen=$now
                """,
                sighting, now, cancellationToken).ConfigureAwait(false);
            var moved = previous is not null && previous.Digest != sighting.Digest;
            if (moved)
            {
                using var drift = Command(
                    "INSERT INTO drift_events (image, tag, platform, from_digest, to_digest, detected) VALUES ($i, $t, $p, $from, $d, $now)",
                    ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$from", previous!.Digest), ("$d", sighting.Digest), ("$now", FormatTime(now)));
                drift.Transaction = transaction;
                await drift.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var select = Command(
                "SELECT first_seen FROM digest_sightings WHERE image=$i AND tag=$t AND platform=$p AND digest=$d",
                ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$d", sighting.Digest));
            select.Transaction = transaction;
            var firstSeen = ParseTime((string)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
            transaction.Commit();
            return new TagSighting(firstSeen, moved ? previous : null);
        }, cancellationToken);

    public Task<LastDigest?> LastDigestAsync(string image, string tag, string platform, CancellationToken cancellationToken) =>
        Locked(() => LastDigestCoreAsync(null, image, tag, platform, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<RecordedDrift>> DriftsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RecordedDrift>>(async () =>
        {
            using var command = Command(
                "SELECT image, tag, platform, from_digest, to_digest, detected FROM drift_events WHERE detected >= $s ORDER BY detected, id",
                ("$s", FormatTime(since)));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var drifts = new List<RecordedDrift>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                drifts.Add(new RecordedDrift(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ParseTime(reader.GetString(5))));
            }

            return drifts;
        }, cancellationToken);

    private async Task<LastDigest?> LastDigestCoreAsync(
        SqliteTransaction? transaction, string image, string tag, string platform, CancellationToken cancellationToken)
    {
        using var command = Command(
            """
            SELECT h.digest, COALESCE(s.first_seen, h.last_seen), h.last_seen FROM tag_heads h
            LEFT JOIN digest_sightings s ON s.image=h.image AND s.tag=h.tag AND s.platform=h.platform AND s.digest=h.digest
            WHERE h.image=$i AND h.tag=$t AND h.platform=$p
            """,
            ("$i", image), ("$t", tag), ("$p", platform));
        command.Transaction = transaction;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LastDigest(reader.GetString(0), ParseTime(reader.GetString(1)), ParseTime(reader.GetString(2)))
            : null;
    }

    private async Task ExecuteAsync(SqliteTransaction transaction, string sql, DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = Command(
            sql, ("$i", sighting.Image), ("$t", sighting.Tag), ("$p", sighting.Platform), ("$d", sighting.Digest), ("$now", FormatTime(now)));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
