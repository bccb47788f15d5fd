using System.Text;
using Npgsql;

namespace RefreshBot.Adapters.History;

/// <summary>
/// Where a PostgreSQL connection string points, for messages: host, port, database and user — and the password, kept
/// only to scrub it from the driver's messages.
/// </summary>
internal sealed class PostgresTarget
{
    private const string Hidden = "***";

    /// <summary>PostgreSQL's NAMEDATALEN - 1: the longest database or user name it keeps.</summary>
    private const int MaxNameBytes = 63;

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

    /// <summary>
    /// A password-free exception for a driver failure, naming this target. The whole message is scrubbed, not only the
    /// driver's part: a database, user or host name can hold the password too (e.g. a whole connection string mistakenly
    /// given as the database name), and so can the server's text.
    /// </summary>
    public HistoryDatabaseException Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            text.Append(text.Length == 0 ? string.Empty : " <- ").Append(current.Message.Trim());
        }

        return new HistoryDatabaseException(Scrub($"PostgreSQL history at {Unscrubbed()}: {text}"))
        {
            SqlState = (exception as PostgresException)?.SqlState,
        };
    }

    /// <summary>Never the password (where host, database or user contain it, it is replaced by <c>***</c>).</summary>
    public override string ToString() => Scrub(Unscrubbed());

    private string Unscrubbed() => $"{Host}:{Port}/{Database} (user {Username})";

    /// <summary>
    /// Removes every occurrence of the password, in any letter case; then the forms the server echoes of a database or
    /// user name holding it: PostgreSQL cuts names to <see cref="MaxNameBytes"/> bytes, which can leave a prefix of
    /// the password that the first pass does not see.
    /// </summary>
    private string Scrub(string text)
    {
        if (string.IsNullOrEmpty(_password))
        {
            return text;
        }

        text = text.Replace(_password, Hidden, StringComparison.OrdinalIgnoreCase);
        foreach (var name in new[] { Database, Username })
        {
            if (name.Contains(_password, StringComparison.OrdinalIgnoreCase) && Truncated(name) is { } cut && cut.Length < name.Length)
            {
                text = text.Replace(cut, Hidden, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    /// <summary>The name as PostgreSQL truncates it (whole UTF-8 characters, at most <see cref="MaxNameBytes"/> bytes).</summary>
    private static string Truncated(string name)
    {
        var bytes = 0;
        var length = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxNameBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return name[..length];
    }
}
