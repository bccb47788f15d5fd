using System.Data.Common;
using Npgsql;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The history on a PostgreSQL server, shared by several RefreshBot processes: a pooled <see cref="NpgsqlDataSource"/>,
/// a connection per operation, migrations under an advisory lock, row locks where a read decides a write (tag drift),
/// and the earliest first-seen time kept when writers race. Failures never show the connection string or password.
/// </summary>
public sealed class PostgresRefreshHistory : SqlRefreshHistory
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresTarget _target;

    private PostgresRefreshHistory(NpgsqlDataSource dataSource, PostgresTarget target)
        : base(HistoryDialect.Postgres)
    {
        _dataSource = dataSource;
        _target = target;
    }

    /// <summary>Connects to the database of <paramref name="connectionString"/> and brings its schema up to date.</summary>
    /// <exception cref="HistoryDatabaseException">The server cannot be reached or refuses us (the message holds no password).</exception>
    public static async Task<PostgresRefreshHistory> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = PostgresTarget.Parse(connectionString);
        NpgsqlDataSource? dataSource = null;
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "refreshbot";
            dataSource = builder.Build();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Postgres, cancellationToken).ConfigureAwait(false);
            return new PostgresRefreshHistory(dataSource, target);
        }
        catch (Exception e)
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync().ConfigureAwait(false);
            }

            // Cancellation stays cancellation and a schema refusal (HistoryMigrations) stays as it is; whatever the
            // driver threw (its own kinds, sockets, timeouts, argument checks) is described without the password.
            if (e is OperationCanceledException or InvalidOperationException)
            {
                throw;
            }

            throw target.Describe(e);
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private protected override async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(connection, connection.DisposeAsync);
    }

    private protected override Exception Translate(DbException exception) => _target.Describe(exception);
}
