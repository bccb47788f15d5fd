using RefreshBot.Adapters.History;

namespace RefreshBot.Integration.Tests.Reporting;

/// <summary>The weekly digest over a real SQLite history file.</summary>
public sealed class SqliteWeeklyDigestTests : WeeklyDigestBuilderContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-digest-").FullName;

    protected override async Task<IHistoryStore> OpenAsync() => await HistoryStores.OpenAsync(DatabaseSettings.SqliteIn(_folder), default);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
