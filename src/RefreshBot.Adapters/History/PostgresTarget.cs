using System.Text;
using Npgsql;

namespace RefreshBot.Adapters.History;

/// <summary>
/// Where a PostgreSQL connection string points, for messages: host, port, database and user — and the password, kept
/// only to scrub it from the driver's messages.
/// </summary>
internal sealed class PostgresTarget
{
    private readonly string? _password;

    private PostgresTarget(NpgsqlConnectionStringBuilder builder)
    {
        Host = builder.Host ?? "localhost";
        Port = builder.Port;
        Database = builder.Database ?? builder.Username ?? "?";
        Username = builder.Username ?? "?";
        _password = builder.Password;
    }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string Username { get; }

    /// <summary>Reads <paramref name="connectionString"/>; a malformed one is refused without echoing any of it.</summary>
    public static PostgresTarget Parse(string connectionString)
    {
        try
        {
            return new PostgresTarget(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new HistoryDatabaseException(
                "the PostgreSQL connection string could not be read (" + e.GetType().Name + "; its text is not shown, it may hold a password)");
        }
    }

    /// <summary>A password-free exception for a driver failure, naming this target.</summary>
    public HistoryDatabaseException Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            text.Append(text.Length == 0 ? string.Empty : " <- ").Append(current.Message.Trim());
        }

        return new HistoryDatabaseException($"PostgreSQL history at {this}: {Scrub(text.ToString())}")
        {
            SqlState = (exception as PostgresException)?.SqlState,
        };
    }

    /// <summary>Never the password.</summary>
    public override string ToString() => $"{Host}:{Port}/{Database} (user {Username})";

    private string Scrub(string text) =>
        string.IsNullOrEmpty(_password) ? text : text.Replace(_password, "***", StringComparison.Ordinal);
}
