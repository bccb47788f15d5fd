using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.History;

namespace RefreshBot.Integration.Tests.History;

/// <summary>The history contract on a real SQLite file, plus what only the file has (where it lives, schema refusal).</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("refreshbot-history-").FullName;

    protected override async Task<IHistoryStore> OpenAsync() =>
        await HistoryStores.OpenAsync(DatabaseSettings.SqliteIn(_folder), default);

    [Fact]
    public async Task The_history_is_one_file_in_the_data_folder()
    {
        await using (var history = await OpenAsync())
        {
            await history.DigestSeenAsync(Node, Monday, default);
        }

        Assert.True(File.Exists(Path.Combine(_folder, SqliteRefreshHistory.FileName)));
        await using var direct = await SqliteRefreshHistory.OpenAsync(_folder, default);
        Assert.Equal(Monday, await direct.FindFirstSeenAsync(Node, default));
    }

    [Fact]
    public async Task Schema_version_is_recorded_and_a_newer_one_is_refused()
    {
        await using (await OpenAsync())
        {
        }

        var file = Path.Combine(_folder, SqliteRefreshHistory.FileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.Equal(HistoryMigrations.Latest, await HistoryMigrations.CurrentVersionAsync(connection, null, default));
            using var future = connection.CreateCommand();
            future.CommandText = "INSERT INTO schema_migrations (version, applied) VALUES (999, 'later')";
            await future.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(OpenAsync);
        Assert.Contains("999", refused.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
