using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>Which repositories use which base images (schema version 4); a digest-only reference is stored with tag ''.</summary>
public abstract partial class SqlRefreshHistory
{
    public Task RecordImagesAsync(string repository, IReadOnlyCollection<ImageInUse> images, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (transaction, ct) =>
        {
            var connection = transaction.Connection!;
            await ExecuteAsync(connection, transaction, "DELETE FROM image_uses WHERE repository=@r", [("r", repository)], ct).ConfigureAwait(false);
            foreach (var image in images.Distinct())
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO image_uses (repository, image, tag, pinned, recorded) VALUES (@r, @i, @t, @p, @now) ON CONFLICT DO NOTHING",
                    [("r", repository), ("i", image.Image), ("t", image.Tag ?? string.Empty), ("p", image.Pinned ? 1 : 0), ("now", Dialect.Time(now))],
                    ct).ConfigureAwait(false);
            }

            return images.Count;
        }, cancellationToken);

    public Task RecordDockerfilesAsync(string repository, IReadOnlyCollection<string> dockerfiles, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (transaction, ct) =>
        {
            var connection = transaction.Connection!;
            await ExecuteAsync(connection, transaction, "DELETE FROM repository_dockerfiles WHERE repository=@r", [("r", repository)], ct).ConfigureAwait(false);
            foreach (var dockerfile in dockerfiles.Distinct(StringComparer.Ordinal))
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO repository_dockerfiles (repository, dockerfile, recorded) VALUES (@r, @d, @now) ON CONFLICT DO NOTHING",
                    [("r", repository), ("d", dockerfile), ("now", Dialect.Time(now))],
                    ct).ConfigureAwait(false);
            }

            return dockerfiles.Count;
        }, cancellationToken);

    /// <remarks>Sorted here, ordinally: a PostgreSQL database's collation may sort text otherwise.</remarks>
    public async Task<IReadOnlyList<string>> RepositoriesUsingAsync(string image, string? tag, CancellationToken cancellationToken)
    {
        var repositories = tag is null
            ? await ListAsync("SELECT DISTINCT repository FROM image_uses WHERE image=@i", [("i", image)], reader => reader.GetString(0), cancellationToken).ConfigureAwait(false)
            : await ListAsync("SELECT DISTINCT repository FROM image_uses WHERE image=@i AND tag=@t", [("i", image), ("t", tag)], reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        return [.. repositories.Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<RecordedImageUse>> ImageUsesAsync(CancellationToken cancellationToken)
    {
        var uses = await ListAsync(
            "SELECT repository, image, tag, pinned, recorded FROM image_uses",
            [],
            reader => new RecordedImageUse(
                reader.GetString(0), reader.GetString(1), reader.GetString(2) is { Length: > 0 } tag ? tag : null, Long(reader, 3) != 0, Dialect.ReadTime(reader, 4)),
            cancellationToken).ConfigureAwait(false);
        return
        [
            .. uses.OrderBy(u => u.Repository, StringComparer.Ordinal).ThenBy(u => u.Image, StringComparer.Ordinal)
                .ThenBy(u => u.Tag ?? string.Empty, StringComparer.Ordinal).ThenBy(u => u.Pinned),
        ];
    }
}
