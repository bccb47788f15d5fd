using Npgsql;
using RefreshBot.Adapters.History;
using RefreshBot.Domain.Platforms;
using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// <c>refreshbot check</c> keeps its drift history where the config's <c>storage.database</c> says — here a real
/// PostgreSQL server, the database the service records into — and not in the data folder's SQLite file.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CheckPostgresDriftTests(PostgresFixture postgres) : RegistryFleetTest
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("refreshbot-data-");
    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _connectionString = await postgres.Server.CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Drift_is_recorded_in_and_read_from_the_configured_PostgreSQL_database()
    {
        var old = await Registry.Pusher.PushIndexAsync("team/node", "22", [Platform.LinuxAmd64]);
        WriteFleet();
        var config = WriteConfig(_connectionString);

        var first = await CheckAsync(config);
        var moved = await Registry.Pusher.PushIndexAsync("team/node", "22", [Platform.LinuxAmd64]);
        var second = await CheckAsync(config);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.False(first.Image("app/Dockerfile", 1).GetProperty("drifted").GetBoolean());
        Assert.True(second.ExitCode == 0, second.ToString());
        var after = second.Image("app/Dockerfile", 1);
        Assert.True(after.GetProperty("drifted").GetBoolean());
        Assert.Equal(old.Digest.ToString(), after.GetProperty("previousDigest").GetString());

        await using var history = await PostgresRefreshHistory.OpenAsync(_connectionString, default);
        var drift = Assert.Single(await history.DriftsAsync(DateTimeOffset.MinValue, default));
        Assert.Equal(($"{Registry.Host}/team/node", "22", old.Digest.ToString(), moved.Digest.ToString()), (drift.Image, drift.Tag, drift.From, drift.To));
        Assert.False(File.Exists(Path.Combine(_data.FullName, SqliteRefreshHistory.FileName)), "no SQLite history next to a PostgreSQL one");
    }

    [Fact]
    public async Task A_data_dir_on_the_command_line_still_means_its_SQLite_file()
    {
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Platform.LinuxAmd64]);
        WriteFleet();
        var config = WriteConfig(_connectionString);

        var run = await CheckAsync(config, "--data-dir", _data.FullName);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(_data.FullName, SqliteRefreshHistory.FileName)));
        // the PostgreSQL database was not even opened: no schema was created in it
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unusable_PostgreSQL_history_is_a_warning_without_the_password_and_the_check_still_reports()
    {
        const string Sentinel = "Sentinel-check-pw-5e1d";
        await Registry.Pusher.PushIndexAsync("team/node", "22", [Platform.LinuxAmd64]);
        WriteFleet();
        var config = WriteConfig(new NpgsqlConnectionStringBuilder(_connectionString) { Password = Sentinel }.ToString());

        var run = await CliRun.ProcessAsync($"check '{Fleet.Root}' --config '{config}' --format json --log-level Warning");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("unpinned", run.Image("app/Dockerfile", 1).GetProperty("status").GetString());
        Assert.Contains("History (PostgreSQL) unavailable, drift not reported", run.Stderr);
        Assert.Contains("password authentication failed", run.Stderr);
        Assert.DoesNotContain(Sentinel, run.Stderr + run.Stdout);
    }

    private void WriteFleet() => Fleet.Repository("app", ("Dockerfile", $"""
        FROM {Registry.Host}/team/node:22 AS build
        FROM {Registry.Host}/team/node:22

        """));

    /// <summary>A config naming the database by a secret file (as deployments do), and a data folder of its own.</summary>
    private string WriteConfig(string connectionString)
    {
        Fleet.Write("pg.txt", connectionString);
        return Fleet.Write("refreshbot.yaml", $"""
            storage:
              dataDir: {_data.FullName}
              database:
                postgres: ${"{"}file:pg.txt{"}"}
            """);
    }

    private Task<CliRun> CheckAsync(string config, params string[] arguments) =>
        CliRun.InProcessAsync(["check", Fleet.Root, "--config", config, .. arguments, "--format", "json", "--log-level", "Warning"]);
}
