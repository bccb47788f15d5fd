using System.Data.Common;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>The digest each tag was last seen at, and drift events (schema version 3).</summary>
public abstract partial class SqlRefreshHistory
{
    /// <summary>
    /// One transaction: the sighting, then the tag's head — created when new, else read under a row lock (PostgreSQL
    /// <c>FOR UPDATE</c>; SQLite has one writer) and moved, with a drift event when its digest changed. Two workers
    /// seeing the same tag move record exactly one drift: the second reads the head the first already moved.
    /// </summary>
    public Task<TagSighting> TagSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (transaction, ct) =>
        {
            var connection = transaction.Connection!;
            var firstSeen = await RecordSightingAsync(connection, transaction, sighting, now, ct).ConfigureAwait(false);
            var created = await ScalarAsync(
                connection,
                transaction,
                "INSERT INTO tag_heads (image, tag, platform, digest, last_seen) VALUES (@i, @t, @p, @d, @now) ON CONFLICT DO NOTHING RETURNING digest",
                Sighting(sighting, now),
                ct).ConfigureAwait(false);
            if (created is not null)
            {
                return new TagSighting(firstSeen, null);
            }

            var previous = (await LastDigestCoreAsync(connection, transaction, sighting.Image, sighting.Tag, sighting.Platform, ct).ConfigureAwait(false))!;
            await ExecuteAsync(
                connection, transaction, "UPDATE tag_heads SET digest=@d, last_seen=@now WHERE image=@i AND tag=@t AND platform=@p", Sighting(sighting, now), ct).ConfigureAwait(false);
            if (previous.Digest == sighting.Digest)
            {
                return new TagSighting(firstSeen, null);
            }

            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO drift_events (image, tag, platform, from_digest, to_digest, detected) VALUES (@i, @t, @p, @from, @d, @now)",
                [.. Sighting(sighting, now), ("from", previous.Digest)],
                ct).ConfigureAwait(false);
            return new TagSighting(firstSeen, previous);
        }, cancellationToken);

    public Task<LastDigest?> LastDigestAsync(string image, string tag, string platform, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => LastDigestCoreAsync(connection, null, image, tag, platform, ct), cancellationToken);

    public Task<IReadOnlyList<RecordedDrift>> DriftsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT image, tag, platform, from_digest, to_digest, detected FROM drift_events WHERE detected >= @s ORDER BY detected, id",
            [("s", Dialect.Time(since))],
            reader => new RecordedDrift(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Dialect.ReadTime(reader, 5)),
            cancellationToken);

    /// <summary>The tag's head; inside a transaction its row stays locked until the transaction ends.</summary>
    private async Task<LastDigest?> LastDigestCoreAsync(
        DbConnection connection, DbTransaction? transaction, string image, string tag, string platform, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            transaction,
            $"""
            SELECT h.digest, COALESCE(s.first_seen, h.last_seen), h.last_seen FROM tag_heads h
            LEFT JOIN digest_sightings s ON s.image=h.image AND s.tag=h.tag AND s.platform=h.platform AND s.digest=h.digest
            WHERE h.image=@i AND h.tag=@t AND h.platform=@p{(transaction is null ? string.Empty : Dialect.RowLock("h"))}
            """,
            [("i", image), ("t", tag), ("p", platform)]);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LastDigest(reader.GetString(0), Dialect.ReadTime(reader, 1), Dialect.ReadTime(reader, 2))
            : null;
    }
}
