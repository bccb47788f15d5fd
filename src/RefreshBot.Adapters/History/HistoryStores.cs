namespace RefreshBot.Adapters.History;

/// <summary>Opens the history store <see cref="DatabaseSettings"/> point at, bringing its schema up to date.</summary>
public static class HistoryStores
{
    public static async Task<IHistoryStore> OpenAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            DatabaseKind.Sqlite => await SqliteRefreshHistory.OpenAsync(
                Path.GetDirectoryName(Path.GetFullPath(settings.Location))!, Path.GetFileName(settings.Location), cancellationToken).ConfigureAwait(false),
            DatabaseKind.Postgres => await PostgresRefreshHistory.OpenAsync(settings.Location, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
    }
}
