using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>
/// The opened history database (SQLite file or PostgreSQL server): the refresh history, the image-usage index and the log people browse,
/// owned by whoever opened it (dispose closes it).
/// </summary>
public interface IHistoryStore : IRefreshHistory, IImageUsageIndex, IHistoryLog, IAsyncDisposable
{
    /// <summary>Throws when the database cannot be reached (readiness checks).</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
