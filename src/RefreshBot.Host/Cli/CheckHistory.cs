using RefreshBot.Adapters.History;
using RefreshBot.Application.Check;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// Drift for <c>check</c>: opens the history database (<c>storage.database</c>: the SQLite file of the data folder, or
/// PostgreSQL — the one <c>run</c> records into), records the unpinned tags seen and marks those that moved. A history
/// problem never fails the check: it is logged as a warning (never with a password) and the report is returned as it was.
/// </summary>
internal static class CheckHistory
{
    public static async Task<CheckReport> ApplyAsync(CheckReport report, DatabaseSettings database, CancellationToken cancellationToken)
    {
        try
        {
            await using var history = await HistoryStores.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            return await TagDriftCheck.ApplyAsync(report, history, TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Warning("History ({Database}) unavailable, drift not reported: {Problem}", database.ToString(), Problem(e, database));
            return report;
        }
    }

    /// <summary>The reason to show: PostgreSQL's failures are already password-free; anything else from it shows only its kind.</summary>
    private static string Problem(Exception e, DatabaseSettings database) =>
        database.Kind == DatabaseKind.Sqlite || e is HistoryDatabaseException ? e.Message : e.GetType().Name;
}
