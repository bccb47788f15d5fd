using Microsoft.Data.Sqlite;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The history in one SQLite file (<c>&lt;dataDir&gt;/refreshbot.db</c>, the embedded default). One connection, used by
/// one caller at a time (the cycle's repositories run concurrently; history writes are tiny). Times are stored as
/// ISO 8601 UTC text.
/// </summary>
public sealed class SqliteRefreshHistory : SqlRefreshHistory
{
    public const string FileName = "refreshbot.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteRefreshHistory(SqliteConnection connection)
        : base(HistoryDialect.Sqlite) => _connection = connection;

    /// <summary>Opens (creating when missing) the history in <paramref name="dataDirectory"/> and brings its schema up to date.</summary>
    public static Task<SqliteRefreshHistory> OpenAsync(string dataDirectory, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, FileName, cancellationToken);

    /// <summary>Opens (creating when missing) the history file <paramref name="fileName"/> in <paramref name="dataDirectory"/>.</summary>
    public static async Task<SqliteRefreshHistory> OpenAsync(string dataDirectory, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, fileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Sqlite, cancellationToken).ConfigureAwait(false);
            return new SqliteRefreshHistory(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private protected override async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(_connection, () =>
        {
            _gate.Release();
            return ValueTask.CompletedTask;
        });
    }
}
