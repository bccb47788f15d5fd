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

        // 2: build-and-scan results per proposal (history, weekly digest). Durations in ticks, sizes in bytes;
        // side is 'fixed' or 'introduced'; advisories still present are kept as counts only.
        """
        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repository TEXT NOT NULL, branch TEXT NOT NULL, pull_request INTEGER NULL, evaluated TEXT NOT NULL);
        CREATE INDEX evaluations_by_repository ON evaluations (repository, evaluated);
        CREATE INDEX evaluations_by_time ON evaluations (evaluated);
        CREATE TABLE evaluation_dockerfiles (
            evaluation INTEGER NOT NULL REFERENCES evaluations (id), position INTEGER NOT NULL, dockerfile TEXT NOT NULL,
            old_succeeded INTEGER NULL, old_duration INTEGER NULL, old_size INTEGER NULL, old_failed_step TEXT NULL,
            new_succeeded INTEGER NULL, new_duration INTEGER NULL, new_size INTEGER NULL, new_failed_step TEXT NULL,
            problem TEXT NULL,
            scanned INTEGER NOT NULL, package_changes INTEGER NULL,
            remaining_critical INTEGER NULL, remaining_high INTEGER NULL, remaining_medium INTEGER NULL,
            remaining_low INTEGER NULL, remaining_unknown INTEGER NULL,
            PRIMARY KEY (evaluation, position));
        CREATE TABLE evaluation_advisories (
            evaluation INTEGER NOT NULL, position INTEGER NOT NULL, side TEXT NOT NULL, rank INTEGER NOT NULL,
            id TEXT NOT NULL, severity TEXT NOT NULL, aliases TEXT NOT NULL,
            PRIMARY KEY (evaluation, position, side, rank),
            FOREIGN KEY (evaluation, position) REFERENCES evaluation_dockerfiles (evaluation, position));
        CREATE INDEX evaluation_advisories_by_id ON evaluation_advisories (id);
        """,

        // 3: the digest each tag was last seen at (seeded from the newest first-seen digest per tag) and drift events
        // (an unpinned tag that moved between two sightings).
        """
        CREATE TABLE tag_heads (
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL, digest TEXT NOT NULL, last_seen TEXT NOT NULL,
            PRIMARY KEY (image, tag, platform));
        INSERT INTO tag_heads (image, tag, platform, digest, last_seen)
            SELECT image, tag, platform, digest, MAX(first_seen) FROM digest_sightings GROUP BY image, tag, platform;
        CREATE TABLE drift_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL,
            from_digest TEXT NOT NULL, to_digest TEXT NOT NULL, detected TEXT NOT NULL);
        CREATE INDEX drift_events_by_time ON drift_events (detected);
        """,

        // 4: which repositories use which base images (as their last run found). tag '' = a digest-only reference.
        """
        CREATE TABLE image_uses (
            repository TEXT NOT NULL, image TEXT NOT NULL, tag TEXT NOT NULL, pinned INTEGER NOT NULL, recorded TEXT NOT NULL,
            PRIMARY KEY (repository, image, tag, pinned));
        CREATE INDEX image_uses_by_image ON image_uses (image, tag);
        """,
    ];

    public static int Latest => Steps.Length;

    public static Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ApplyAsync(connection, Latest, cancellationToken);

    /// <summary>Brings the schema up to <paramref name="target"/> (tests build a database of an older version with it).</summary>
    public static async Task ApplyAsync(SqliteConnection connection, int target, CancellationToken cancellationToken)
    {
        await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL);", cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > Latest)
        {
            throw new InvalidOperationException($"the history database is at schema version {current}, newer than this RefreshBot knows ({Latest})");
        }

        for (var version = current + 1; version <= Math.Min(target, Latest); version++)
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
