using Npgsql;
using RefreshBot.Adapters.History;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.History;

/// <summary>
/// Odd connection strings against a real PostgreSQL server: whatever part of it echoes the password (a whole connection
/// string given as the database name, a user or host name containing it, a password equal to the port…), no failure's
/// message, nor anything else of the exception, contains the password.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPasswordTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Sentinel = "SENTINEL-pw-91d2";

    public static TheoryData<string> Mistakes() =>
    [
        "connection-string-as-database",
        "connection-string-as-database-unquoted",
        "database-is-the-password",
        "user-contains-the-password",
        "user-is-the-password-upper-case",
        "host-contains-the-password",
        "password-is-the-port",
        "password-is-the-host",
        "long-database-name-holding-the-password",
    ];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task No_failure_message_contains_the_password(string mistake)
    {
        var server = postgres.Server;
        var real = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Timeout = 5 };
        var (connectionString, password) = mistake switch
        {
            // the server's real password, so the server lets us in and then names the database it cannot find
            "connection-string-as-database" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Database = real.ConnectionString }.ToString(), server.Password),
            "connection-string-as-database-unquoted" => ($"Host={server.Host};Port={server.Port};Username={PostgresServerUser};Password={server.Password};Timeout=5;Database=Host=x;Password={server.Password}", server.Password),
            "database-is-the-password" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Database = server.Password }.ToString(), server.Password),
            "long-database-name-holding-the-password" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Database = new string('d', 60) + server.Password }.ToString(), server.Password),
            "user-contains-the-password" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Username = "bot-" + Sentinel, Password = Sentinel }.ToString(), Sentinel),
            "user-is-the-password-upper-case" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Username = Sentinel.ToUpperInvariant(), Password = Sentinel }.ToString(), Sentinel),
            "host-contains-the-password" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Host = Sentinel.ToLowerInvariant() + ".invalid", Password = Sentinel }.ToString(), Sentinel),
            "password-is-the-port" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Port = FreePortNumber, Password = FreePortNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) }.ToString(), FreePortNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "password-is-the-host" => (new NpgsqlConnectionStringBuilder(real.ConnectionString) { Password = server.Host }.ToString(), server.Host),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var failure = await Assert.ThrowsAsync<HistoryDatabaseException>(
            () => HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, connectionString), default));

        output.WriteLine(failure.Message);
        Assert.NotEmpty(failure.Message);
        Assert.StartsWith("PostgreSQL history at ", failure.Message);
        Assert.DoesNotContain(password, failure.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(failure.InnerException);
        // PostgreSQL echoes a long name cut to 63 bytes: not even the start of the password may show
        Assert.DoesNotContain(new string('d', 60) + password[..1], failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, new DatabaseSettings(DatabaseKind.Postgres, connectionString).ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_connection_string_given_as_the_database_name_still_says_what_is_wrong()
    {
        var server = postgres.Server;
        var real = server.ConnectionString("postgres");
        var mistaken = new NpgsqlConnectionStringBuilder(real) { Database = real }.ToString();

        var failure = await Assert.ThrowsAsync<HistoryDatabaseException>(
            () => HistoryStores.OpenAsync(new DatabaseSettings(DatabaseKind.Postgres, mistaken), default));

        Assert.Equal("3D000", failure.SqlState);    // invalid_catalog_name: the database does not exist
        Assert.Contains($"{server.Host}:{server.Port}", failure.Message);
        Assert.Contains("does not exist", failure.Message);
        Assert.DoesNotContain(server.Password, failure.ToString());
    }

    private const string PostgresServerUser = Testing.Postgres.PostgresServer.Username;

    private static readonly int FreePortNumber = FreePort.Next();
}
