using System.Data.Common;

namespace RefreshBot.Adapters.History;

/// <summary>A connection lent for one history operation; disposing gives it back (<paramref name="release"/>).</summary>
internal sealed class ConnectionLease(DbConnection connection, Func<ValueTask> release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public ValueTask DisposeAsync() => release();
}
