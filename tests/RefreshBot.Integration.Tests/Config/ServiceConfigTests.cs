using RefreshBot.Adapters.History;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary><c>service:</c> and <c>storage.database</c>: defaults, every key, secrets from the environment only.</summary>
public sealed class ServiceConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_a_service_section_the_defaults_apply_and_the_database_is_the_sqlite_file_in_the_data_folder()
    {
        var config = _folder.Load("");

        Assert.Equal(new Uri("http://127.0.0.1:8080"), config.Service.Listen);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Service.Jitter);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Service.ShutdownTimeout);
        Assert.Equal(new RefreshSchedule("0 0 0/6 * * ?", null), config.Service.DefaultSchedule);
        Assert.Equal(new RefreshSchedule("0 0 3 * * ?", null), config.Service.VulnerabilityRefresh);
        Assert.Equal(new RefreshSchedule("0 0 9 ? * MON", null), config.Service.Digest);
        Assert.Equal(TimeSpan.FromSeconds(7.5), config.Service.CheckinInterval);
        Assert.Equal(new DatabaseSettings(DatabaseKind.Sqlite, Path.Combine(_folder.Root, "data", "refreshbot.db")), config.Storage.Database);
    }

    [Fact]
    public void Every_service_key_is_read()
    {
        var config = _folder.Load("""
            service:
              listen: http://0.0.0.0:9090
              jitter: 0
              shutdownTimeout: 90s
              defaultSchedule: "0 0 6 ? * MON-FRI"
              vulnerabilityRefresh: {cron: "0 30 2 * * ?", timeZone: Europe/Berlin}
              digest: {cron: "0 0 8 ? * MON", timeZone: America/New_York}
              cluster:
                checkinInterval: 1.5s
            """);

        Assert.Equal(new Uri("http://0.0.0.0:9090"), config.Service.Listen);
        Assert.Equal(TimeSpan.Zero, config.Service.Jitter);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Service.ShutdownTimeout);
        Assert.Equal(new RefreshSchedule("0 0 6 ? * MON-FRI", null), config.Service.DefaultSchedule);
        Assert.Equal(new RefreshSchedule("0 30 2 * * ?", "Europe/Berlin"), config.Service.VulnerabilityRefresh);
        Assert.Equal(new RefreshSchedule("0 0 8 ? * MON", "America/New_York"), config.Service.Digest);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.Service.CheckinInterval);
    }

    [Fact]
    public void The_listen_url_defaults_to_the_environment_so_workers_can_share_a_config()
    {
        _folder.Environment["REFRESHBOT_LISTEN"] = "http://127.0.0.1:18123";

        Assert.Equal(new Uri("http://127.0.0.1:18123"), _folder.Load("").Service.Listen);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), _folder.Load("service:\n  listen: http://127.0.0.1:9000\n").Service.Listen);
    }

    [Fact]
    public void A_postgres_connection_string_comes_from_the_environment_or_a_file_and_never_prints()
    {
        const string Connection = "Host=db.internal;Database=refreshbot;Username=bot;Password=pg-s3cret";
        _folder.Environment["PG"] = Connection;
        File.WriteAllText(Path.Combine(_folder.Root, "pg.txt"), Connection + "\n");

        var fromEnvironment = _folder.Load("storage:\n  database:\n    postgres: ${env:PG}\n");
        var fromFile = _folder.Load("storage:\n  database:\n    postgres: ${file:pg.txt}\n");

        Assert.Equal(new DatabaseSettings(DatabaseKind.Postgres, Connection), fromEnvironment.Storage.Database);
        Assert.Equal(new DatabaseSettings(DatabaseKind.Postgres, Connection), fromFile.Storage.Database);
        Assert.DoesNotContain("pg-s3cret", fromEnvironment.Storage.ToString());
        Assert.DoesNotContain("pg-s3cret", fromEnvironment.Storage.Database.ToString());
    }

    [Fact]
    public void An_empty_database_section_is_the_sqlite_default()
    {
        var config = _folder.Load("storage:\n  database:\n");

        Assert.Equal(DatabaseKind.Sqlite, config.Storage.Database.Kind);
    }
}
