using RefreshBot.Adapters.History;
using RefreshBot.Integration.Tests.History;

namespace RefreshBot.Integration.Tests.Reporting;

/// <summary>The weekly digest over a real PostgreSQL history (a database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWeeklyDigestTests(PostgresFixture postgres) : WeeklyDigestBuilderContract, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await postgres.Server.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<IHistoryStore> OpenAsync() =>
        await HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, _connectionString), default);
}
