using RefreshBot.Testing.Postgres;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// One real PostgreSQL server shared by the test classes of the <see cref="Name"/> collection (startup takes seconds);
/// each test creates its own database with <see cref="PostgresFixture.Server"/>.<c>CreateDatabaseAsync()</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL server is not started");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
