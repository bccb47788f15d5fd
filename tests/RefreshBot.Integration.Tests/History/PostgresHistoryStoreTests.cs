using Npgsql;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// The history contract on a real PostgreSQL server (a database per test), plus what only a shared server has:
/// several processes' stores writing at once, migrations racing, and failures that never show the password.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHistoryStoreTests(PostgresFixture postgres) : HistoryStoreContract, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await postgres.Server.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<IHistoryStore> OpenAsync() =>
        await HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, _connectionString), default);

    [Fact]
    public async Task Three_workers_seeing_the_same_tag_move_record_exactly_one_drift_each_time()
    {
        await WithThreeStoresAsync(async stores =>
        {
            const int Moves = 15;
            for (var move = 0; move <= Moves; move++)
            {
                var sighting = Node with { Digest = "sha256:" + move.ToString("x64", System.Globalization.CultureInfo.InvariantCulture) };
                var results = await AllAtOnceAsync(stores, (store, i) => store.TagSeenAsync(sighting, Monday.AddMinutes(move).AddSeconds(i), default));

                Assert.Equal(move == 0 ? 0 : 1, results.Count(r => r.Drifted));
                Assert.All(results.Select((r, i) => (r, i)), x => Assert.True(x.r.FirstSeen <= Monday.AddMinutes(move).AddSeconds(x.i)));
                Assert.Equal(Monday.AddMinutes(move), await stores[0].FindFirstSeenAsync(sighting, default));
            }

            var drifts = await stores[0].DriftsAsync(DateTimeOffset.MinValue, default);
            Assert.Equal(Moves, drifts.Count);
            Assert.All(drifts.Zip(drifts.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        });
    }

    [Fact]
    public async Task Workers_seeing_a_tag_at_different_digests_at_once_record_an_unbroken_chain_of_drifts()
    {
        await WithThreeStoresAsync(async stores =>
        {
            await stores[0].TagSeenAsync(Node, Monday, default);
            const int Rounds = 10;
            for (var round = 1; round <= Rounds; round++)
            {
                var seen = await AllAtOnceAsync(stores, async (store, i) =>
                {
                    var digest = "sha256:" + ((round * 10) + i).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
                    return await store.TagSeenAsync(Node with { Digest = digest }, Monday.AddMinutes(round), default);
                });
                Assert.All(seen, r => Assert.True(r.Drifted));
            }

            // Each move starts where the previous one ended: no two workers moved the tag away from the same digest.
            var drifts = await stores[1].DriftsAsync(DateTimeOffset.MinValue, default);
            Assert.Equal(3 * Rounds, drifts.Count);
            Assert.Equal(drifts.Count, drifts.Select(d => d.From).Distinct().Count());
            var chain = new List<string> { Node.Digest };
            while (drifts.SingleOrDefault(d => d.From == chain[^1]) is { } next)
            {
                chain.Add(next.To);
            }

            Assert.Equal(drifts.Count + 1, chain.Count);
            Assert.Equal(chain[^1], (await stores[2].LastDigestAsync(Node.Image, Node.Tag, Node.Platform, default))?.Digest);
        });
    }

    [Fact]
    public async Task Concurrent_first_sightings_keep_the_earliest_time()
    {
        await WithThreeStoresAsync(async stores =>
        {
            for (var round = 0; round < 10; round++)
            {
                var sighting = Node with { Tag = "round-" + round };
                var results = await AllAtOnceAsync(stores, (store, i) => store.DigestSeenAsync(sighting, Monday.AddSeconds(10 - (3 * i)), default));

                Assert.All(results.Select((r, i) => (r, i)), x => Assert.True(x.r <= Monday.AddSeconds(10 - (3 * x.i))));
                Assert.Equal(Monday.AddSeconds(4), await stores[0].FindFirstSeenAsync(sighting, default));
            }
        });
    }

    [Fact]
    public async Task Three_processes_opening_a_new_database_at_once_apply_each_migration_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(OpenAsync)));
        foreach (var store in stores)
        {
            await store.PingAsync(default);
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var applied = new List<int>();
        await using (var reader = await versions.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, HistoryMigrations.Latest), applied);
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused()
    {
        await using (await OpenAsync())
        {
        }

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var future = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied) VALUES (999, now())", connection);
            await future.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(OpenAsync);
        Assert.Contains("999", refused.Message);
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_the_server_but_never_the_password()
    {
        const string Sentinel = "Sentinel-Pa55word-7f3a";
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = Sentinel }.ToString();

        var failure = await Assert.ThrowsAsync<HistoryDatabaseException>(
            () => HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, wrong), default));

        Assert.Equal("28P01", failure.SqlState);
        Assert.Contains($"127.0.0.1:{postgres.Server.Port}", failure.Message);
        Assert.Contains("password authentication failed", failure.Message);
        Assert.DoesNotContain(Sentinel, failure.ToString());
        Assert.DoesNotContain(postgres.Server.Password, failure.ToString());
    }

    [Fact]
    public async Task An_unreachable_server_or_a_malformed_connection_string_fails_without_the_password()
    {
        const string Sentinel = "Sentinel-Pa55word-b41c";
        var port = FreePort.Next();
        var unreachable = new NpgsqlConnectionStringBuilder(_connectionString) { Port = port, Password = Sentinel, Timeout = 5 }.ToString();

        var refused = await Assert.ThrowsAsync<HistoryDatabaseException>(
            () => HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, unreachable), default));
        var malformed = await Assert.ThrowsAsync<HistoryDatabaseException>(
            () => HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, $"Host=127.0.0.1;Port=notaport{Sentinel};Password={Sentinel}"), default));

        Assert.Contains($"127.0.0.1:{port}", refused.Message);
        Assert.DoesNotContain(Sentinel, refused.ToString());
        Assert.DoesNotContain(Sentinel, malformed.ToString());
        Assert.DoesNotContain(Sentinel, new DatabaseSettings(DatabaseKind.Postgres, unreachable).ToString());
    }

    [Fact]
    public async Task A_failure_after_opening_is_reported_without_the_password()
    {
        var history = await OpenAsync();
        await using (history)
        {
            await using (var connection = new NpgsqlConnection(_connectionString))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand("DROP TABLE runs", connection);
                await drop.ExecuteNonQueryAsync();
            }

            var failure = await Assert.ThrowsAsync<HistoryDatabaseException>(() => history.RunsAsync("acme/app", 5, default));

            Assert.Equal("42P01", failure.SqlState);
            Assert.DoesNotContain(postgres.Server.Password, failure.ToString());
        }
    }

    /// <summary>Three stores on the test's database, as three worker processes would have (each its own pool).</summary>
    private async Task WithThreeStoresAsync(Func<IHistoryStore[], Task> work)
    {
        var stores = await Task.WhenAll(OpenAsync(), OpenAsync(), OpenAsync());
        try
        {
            await work(stores);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on every store at the same moment.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(IHistoryStore[] stores, Func<IHistoryStore, int, Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = stores.Select(async (store, i) =>
        {
            await start.Task;
            return await work(store, i);
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(running);
    }
}
