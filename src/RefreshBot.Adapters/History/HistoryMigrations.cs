using Microsoft.Data.Sqlite;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The history schema as numbered migrations, applied in order inside one transaction each and recorded in
/// <c>schema_migrations</c>; a database from a newer RefreshBot (a version we do not know) is refused.
/// </summary>
internal static class HistoryMigrations
{
    private static readonly string[] Steps =
    [
        // 1: digests first seen, run outcomes, proposals per branch.
        """
        CREATE TABLE digest_sightings (
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL, digest TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (image, tag, platform, digest));
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repository TEXT NOT NULL, started TEXT NOT NULL, finished TEXT NULL, outcome TEXT NULL, reason TEXT NULL);
        CREATE INDEX runs_by_repository ON runs (repository, id);
        CREATE TABLE proposals (
            repository TEXT NOT NULL, branch TEXT NOT NULL, number INTEGER NOT NULL, url TEXT NOT NULL,
            open INTEGER NOT NULL, updated TEXT NOT NULL,
            PRIMARY KEY (repository, branch));
        CREATE TABLE closed_by_bot (
            repository TEXT NOT NULL, number INTEGER NOT NULL, closed TEXT NOT NULL,
            PRIMARY KEY (repository, number));
        """,
    ];

    public static int Latest => Steps.Length;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL);", cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > Latest)
        {
            throw new InvalidOperationException($"the history database is at schema version {current}, newer than this RefreshBot knows ({Latest})");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            using var transaction = connection.BeginTransaction();
            await Execute(connection, transaction, Steps[version - 1], cancellationToken).ConfigureAwait(false);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, applied) VALUES ($v, $t)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            transaction.Commit();
        }
    }

    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
