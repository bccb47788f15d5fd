using System.Data.Common;
using System.Globalization;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The history schema as numbered migrations (one list for both databases: <c>{identity}</c> and <c>{time}</c> are
/// filled by the <see cref="HistoryDialect"/>), applied in order inside one transaction and recorded in
/// <c>schema_migrations</c>. On PostgreSQL the transaction first takes an advisory lock, so processes starting at
/// once apply them one after the other. A database from a newer RefreshBot (a version we do not know) is refused.
/// </summary>
internal static class HistoryMigrations
{
    private static readonly string[] Steps =
    [
        // 1: digests first seen, run outcomes, proposals per branch.
        """
        CREATE TABLE digest_sightings (
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL, digest TEXT NOT NULL,
            first_seen {time} NOT NULL,
            PRIMARY KEY (image, tag, platform, digest));
        CREATE TABLE runs (
            id {identity},
            repository TEXT NOT NULL, started {time} NOT NULL, finished {time} NULL, outcome TEXT NULL, reason TEXT NULL);
        CREATE INDEX runs_by_repository ON runs (repository, id);
        CREATE TABLE proposals (
            repository TEXT NOT NULL, branch TEXT NOT NULL, number INTEGER NOT NULL, url TEXT NOT NULL,
            open INTEGER NOT NULL, updated {time} NOT NULL,
            PRIMARY KEY (repository, branch));
        CREATE TABLE closed_by_bot (
            repository TEXT NOT NULL, number INTEGER NOT NULL, closed {time} NOT NULL,
            PRIMARY KEY (repository, number));
        """,

        // 2: build-and-scan results per proposal (history, weekly digest). Durations in ticks, sizes in bytes;
        // side is 'fixed' or 'introduced'; advisories still present are kept as counts only.
        """
        CREATE TABLE evaluations (
            id {identity},
            repository TEXT NOT NULL, branch TEXT NOT NULL, pull_request INTEGER NULL, evaluated {time} NOT NULL);
        CREATE INDEX evaluations_by_repository ON evaluations (repository, evaluated);
        CREATE INDEX evaluations_by_time ON evaluations (evaluated);
        CREATE TABLE evaluation_dockerfiles (
            evaluation BIGINT NOT NULL REFERENCES evaluations (id), position INTEGER NOT NULL, dockerfile TEXT NOT NULL,
            old_succeeded INTEGER NULL, old_duration BIGINT NULL, old_size BIGINT NULL, old_failed_step TEXT NULL,
            new_succeeded INTEGER NULL, new_duration BIGINT NULL, new_size BIGINT NULL, new_failed_step TEXT NULL,
            problem TEXT NULL,
            scanned INTEGER NOT NULL, package_changes INTEGER NULL,
            remaining_critical INTEGER NULL, remaining_high INTEGER NULL, remaining_medium INTEGER NULL,
            remaining_low INTEGER NULL, remaining_unknown INTEGER NULL,
            PRIMARY KEY (evaluation, position));
        CREATE TABLE evaluation_advisories (
            evaluation BIGINT NOT NULL, position INTEGER NOT NULL, side TEXT NOT NULL, rank INTEGER NOT NULL,
            id TEXT NOT NULL, severity TEXT NOT NULL, aliases TEXT NOT NULL,
            PRIMARY KEY (evaluation, position, side, rank),
            FOREIGN KEY (evaluation, position) REFERENCES evaluation_dockerfiles (evaluation, position));
        CREATE INDEX evaluation_advisories_by_id ON evaluation_advisories (id);
        """,

        // 3: the digest each tag was last seen at (seeded from the newest first-seen digest per tag) and drift events
        // (an unpinned tag that moved between two sightings).
        """
        CREATE TABLE tag_heads (
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL, digest TEXT NOT NULL, last_seen {time} NOT NULL,
            PRIMARY KEY (image, tag, platform));
        INSERT INTO tag_heads (image, tag, platform, digest, last_seen)
            SELECT s.image, s.tag, s.platform, s.digest, s.first_seen FROM digest_sightings s
            WHERE NOT EXISTS (
                SELECT 1 FROM digest_sightings n WHERE n.image=s.image AND n.tag=s.tag AND n.platform=s.platform
                AND (n.first_seen > s.first_seen OR (n.first_seen = s.first_seen AND n.digest > s.digest)));
        CREATE TABLE drift_events (
            id {identity},
            image TEXT NOT NULL, tag TEXT NOT NULL, platform TEXT NOT NULL,
            from_digest TEXT NOT NULL, to_digest TEXT NOT NULL, detected {time} NOT NULL);
        CREATE INDEX drift_events_by_time ON drift_events (detected);
        """,

        // 4: which repositories use which base images (as their last run found). tag '' = a digest-only reference.
        """
        CREATE TABLE image_uses (
            repository TEXT NOT NULL, image TEXT NOT NULL, tag TEXT NOT NULL, pinned INTEGER NOT NULL, recorded {time} NOT NULL,
            PRIMARY KEY (repository, image, tag, pinned));
        CREATE INDEX image_uses_by_image ON image_uses (image, tag);
        """,

        // 5: each refresh pull request's lifecycle (weekly digest), keyed by number, replacing the per-branch
        // proposals table. Old rows: opened and closed = their last update; a closed one the bot closed itself is
        // 'ClosedUnmerged', any other closed one is taken as 'Merged' (the common end of a refresh PR); no title, no updates.
        """
        CREATE TABLE pull_requests (
            repository TEXT NOT NULL, number INTEGER NOT NULL, branch TEXT NOT NULL, url TEXT NOT NULL,
            state TEXT NOT NULL, title TEXT NOT NULL, opened {time} NOT NULL, closed {time} NULL, updated {time} NOT NULL,
            PRIMARY KEY (repository, number));
        CREATE INDEX pull_requests_by_branch ON pull_requests (repository, branch);
        CREATE INDEX pull_requests_by_opened ON pull_requests (opened);
        CREATE TABLE pull_request_updates (
            repository TEXT NOT NULL, number INTEGER NOT NULL, position INTEGER NOT NULL,
            dockerfile TEXT NOT NULL, image TEXT NOT NULL, tag TEXT NULL, from_digest TEXT NULL, to_digest TEXT NOT NULL,
            platform TEXT NOT NULL, first_seen {time} NULL,
            PRIMARY KEY (repository, number, position),
            FOREIGN KEY (repository, number) REFERENCES pull_requests (repository, number));
        INSERT INTO pull_requests (repository, number, branch, url, state, title, opened, closed, updated)
            SELECT p.repository, p.number, p.branch, p.url,
                CASE WHEN p.open = 1 THEN 'Open'
                     WHEN EXISTS (SELECT 1 FROM closed_by_bot c WHERE c.repository = p.repository AND c.number = p.number) THEN 'ClosedUnmerged'
                     ELSE 'Merged' END,
                '', p.updated, CASE WHEN p.open = 1 THEN NULL ELSE p.updated END, p.updated
            FROM proposals p WHERE true
            ON CONFLICT DO NOTHING;
        DROP TABLE proposals;
        """,

        // 6: the Dockerfiles each repository's last run found (dashboard's fleet table).
        """
        CREATE TABLE repository_dockerfiles (
            repository TEXT NOT NULL, dockerfile TEXT NOT NULL, recorded {time} NOT NULL,
            PRIMARY KEY (repository, dockerfile));
        """,
    ];

    public static int Latest => Steps.Length;

    public static Task ApplyAsync(DbConnection connection, HistoryDialect dialect, CancellationToken cancellationToken) =>
        ApplyAsync(connection, dialect, Latest, cancellationToken);

    /// <summary>Brings the schema up to <paramref name="target"/> (tests build a database of an older version with it).</summary>
    public static async Task ApplyAsync(DbConnection connection, HistoryDialect dialect, int target, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.MigrationLock is { } migrationLock)
        {
            await ExecuteAsync(transaction, migrationLock, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(transaction, dialect.Schema("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied {time} NOT NULL);"), cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > Latest)
        {
            throw new InvalidOperationException($"the history database is at schema version {current}, newer than this RefreshBot knows ({Latest})");
        }

        for (var version = current + 1; version <= Math.Min(target, Latest); version++)
        {
            await ExecuteAsync(transaction, dialect.Schema(Steps[version - 1]), cancellationToken).ConfigureAwait(false);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, applied) VALUES (@v, @t)";
            record.Parameters.Add(SqlRefreshHistory.Parameter(record, "v", version));
            record.Parameters.Add(SqlRefreshHistory.Parameter(record, "t", dialect.Time(DateTimeOffset.UtcNow)));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
