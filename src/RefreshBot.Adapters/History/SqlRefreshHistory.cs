using System.Data.Common;
using System.Globalization;
using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The history over ADO.NET, one implementation for SQLite (<see cref="SqliteRefreshHistory"/>) and PostgreSQL
/// (<see cref="PostgresRefreshHistory"/>): the statements are shared, the <see cref="HistoryDialect"/> says what
/// differs. Every operation runs on a connection leased from the subclass (SQLite: the one connection, one caller at a
/// time; PostgreSQL: the pool), so several processes may write the same PostgreSQL database concurrently.
/// </summary>
public abstract partial class SqlRefreshHistory : IHistoryStore
{
    private protected SqlRefreshHistory(HistoryDialect dialect) => Dialect = dialect;

    private protected HistoryDialect Dialect { get; }

    public Task PingAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => ScalarAsync(connection, null, "SELECT COUNT(*) FROM schema_migrations", [], ct), cancellationToken);

    public Task<DateTimeOffset?> FindFirstSeenAsync(DigestSighting sighting, CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, ct) =>
        {
            using var command = Command(
                connection, null, "SELECT first_seen FROM digest_sightings WHERE image=@i AND tag=@t AND platform=@p AND digest=@d", Sighting(sighting, null));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Dialect.ReadTime(reader, 0) : (DateTimeOffset?)null;
        }, cancellationToken);

    public Task<DateTimeOffset> DigestSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => RecordSightingAsync(connection, null, sighting, now, ct), cancellationToken);

    public Task<long> RunStartedAsync(string repository, DateTimeOffset started, CancellationToken cancellationToken) =>
        WithConnectionAsync(
            async (connection, ct) => Convert.ToInt64(
                await ScalarAsync(connection, null, "INSERT INTO runs (repository, started) VALUES (@r, @s) RETURNING id", [("r", repository), ("s", Dialect.Time(started))], ct).ConfigureAwait(false),
                CultureInfo.InvariantCulture),
            cancellationToken);

    public Task RunFinishedAsync(long run, DateTimeOffset finished, RunOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE runs SET finished=@f, outcome=@o, reason=@why WHERE id=@id",
            [("f", Dialect.Time(finished)), ("o", outcome.ToString()), ("why", reason), ("id", run)],
            cancellationToken);

    public Task<IReadOnlyList<RecordedRun>> RunsAsync(string repository, int limit, CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT id, repository, started, finished, outcome, reason FROM runs WHERE repository=@r ORDER BY id DESC LIMIT @n",
            [("r", repository), ("n", limit)],
            ReadRun,
            cancellationToken);

    public async Task<IReadOnlySet<int>> ClosedByBotAsync(string repository, CancellationToken cancellationToken) =>
        (await ListAsync("SELECT number FROM closed_by_bot WHERE repository=@r", [("r", repository)], reader => Int(reader, 0), cancellationToken).ConfigureAwait(false))
        .ToHashSet();

    public Task RecordClosedByBotAsync(string repository, int number, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO closed_by_bot (repository, number, closed) VALUES (@r, @n, @t) ON CONFLICT DO NOTHING",
            [("r", repository), ("n", number), ("t", Dialect.Time(now))],
            cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>A connection for one operation; disposing the lease gives it back.</summary>
    private protected abstract ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken);

    /// <summary>The exception to throw for <paramref name="exception"/> (PostgreSQL: one that cannot reveal the password).</summary>
    private protected virtual Exception Translate(DbException exception) => exception;

    internal static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    private protected async Task<T> WithConnectionAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var lease = await LeaseAsync(cancellationToken).ConfigureAwait(false);
            return await work(lease.Connection, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (Translate(e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns.</summary>
    private protected Task<T> InTransactionAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await work(transaction, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    private protected Task<IReadOnlyList<T>> ListAsync<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<T>>(async (connection, ct) =>
        {
            using var command = Command(connection, null, sql, parameters);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var items = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                items.Add(read(reader));
            }

            return items;
        }, cancellationToken);

    private protected Task ExecuteAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => ExecuteAsync(connection, null, sql, parameters, ct), cancellationToken);

    private protected static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(command, name, value));
        }

        return command;
    }

    private protected static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private protected static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>The sighting's key as parameters <c>@i @t @p @d</c> (and <c>@now</c> when given).</summary>
    private protected (string Name, object? Value)[] Sighting(DigestSighting sighting, DateTimeOffset? now) =>
        now is { } time
            ? [("i", sighting.Image), ("t", sighting.Tag), ("p", sighting.Platform), ("d", sighting.Digest), ("now", Dialect.Time(time))]
            : [("i", sighting.Image), ("t", sighting.Tag), ("p", sighting.Platform), ("d", sighting.Digest)];

    /// <summary>
    /// Records the sighting, keeping the EARLIEST first-seen time when several writers (or a late one) record it, and
    /// returns the first-seen time kept; one atomic statement.
    /// </summary>
    private async Task<DateTimeOffset> RecordSightingAsync(
        DbConnection connection, DbTransaction? transaction, DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            transaction,
            $"""
            INSERT INTO digest_sightings (image, tag, platform, digest, first_seen) VALUES (@i, @t, @p, @d, @now)
            ON CONFLICT (image, tag, platform, digest) DO UPDATE SET first_seen = {Dialect.Least}(digest_sightings.first_seen, excluded.first_seen)
            RETURNING first_seen
            """,
            Sighting(sighting, now));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Dialect.ReadTime(reader, 0);
    }
}
