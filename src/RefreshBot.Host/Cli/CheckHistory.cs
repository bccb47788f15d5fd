using RefreshBot.Adapters.History;
using RefreshBot.Application.Check;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// Drift for <c>check</c>: opens the history of the data folder, records the unpinned tags seen and marks those that
/// moved. A history problem never fails the check: it is logged as a warning and the report is returned as it was.
/// </summary>
internal static class CheckHistory
{
    public static async Task<CheckReport> ApplyAsync(CheckReport report, string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            await using var history = await SqliteRefreshHistory.OpenAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            return await TagDriftCheck.ApplyAsync(report, history, TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Warning("History in {DataDir} unavailable, drift not reported: {Problem}", dataDirectory, e.Message);
            return report;
        }
    }
}
