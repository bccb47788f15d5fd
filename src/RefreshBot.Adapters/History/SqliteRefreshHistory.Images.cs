using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>Which repositories use which base images (schema version 4); a digest-only reference is stored with tag ''.</summary>
public sealed partial class SqliteRefreshHistory
{
    public Task RecordImagesAsync(string repository, IReadOnlyCollection<ImageInUse> images, DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            using var transaction = _connection.BeginTransaction();
            using (var delete = Command("DELETE FROM image_uses WHERE repository=$r", ("$r", repository)))
            {
                delete.Transaction = transaction;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var image in images.Distinct())
            {
                using var insert = Command(
                    "INSERT INTO image_uses (repository, image, tag, pinned, recorded) VALUES ($r, $i, $t, $p, $now) ON CONFLICT DO NOTHING",
                    ("$r", repository), ("$i", image.Image), ("$t", image.Tag ?? string.Empty), ("$p", image.Pinned ? 1 : 0), ("$now", FormatTime(now)));
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return images.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> RepositoriesUsingAsync(string image, string? tag, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<string>>(async () =>
        {
            using var command = Command(
                "SELECT DISTINCT repository FROM image_uses WHERE image=$i AND ($t IS NULL OR tag=$t) ORDER BY repository",
                ("$i", image), ("$t", tag));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var repositories = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                repositories.Add(reader.GetString(0));
            }

            return repositories;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedImageUse>> ImageUsesAsync(CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RecordedImageUse>>(async () =>
        {
            using var command = Command("SELECT repository, image, tag, pinned, recorded FROM image_uses ORDER BY repository, image, tag, pinned");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var uses = new List<RecordedImageUse>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var tag = reader.GetString(2);
                uses.Add(new RecordedImageUse(reader.GetString(0), reader.GetString(1), tag.Length == 0 ? null : tag, reader.GetInt64(3) != 0, ParseTime(reader.GetString(4))));
            }

            return uses;
        }, cancellationToken);
}
