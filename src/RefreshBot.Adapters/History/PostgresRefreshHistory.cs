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
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "refreshbot";
        var dataSource = builder.Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await HistoryMigrations.ApplyAsync(connection, HistoryDialect.Postgres, cancellationToken).ConfigureAwait(false);
            return new PostgresRefreshHistory(dataSource, target);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            if (e is DbException or TimeoutException)
            {
                throw target.Describe(e);
            }

            throw;
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
