namespace RefreshBot.Adapters.History;

/// <summary>Where the history (and, in service mode, Quartz's job store) lives.</summary>
/// <param name="Kind">SQLite file (embedded default) or a PostgreSQL server.</param>
/// <param name="Location">SQLite: the database file's absolute path. PostgreSQL: an Npgsql connection string — may hold
/// a password: never log it, never put it in an exception message.</param>
public sealed record DatabaseSettings(DatabaseKind Kind, string Location)
{
    /// <summary>The embedded default: <c>&lt;dataDir&gt;/refreshbot.db</c>.</summary>
    public static DatabaseSettings SqliteIn(string dataDirectory) =>
        new(DatabaseKind.Sqlite, Path.Combine(dataDirectory, SqliteRefreshHistory.FileName));

    /// <summary>Never the connection string (it may hold a password).</summary>
    public override string ToString() => Kind == DatabaseKind.Sqlite ? $"SQLite {Location}" : "PostgreSQL";
}

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
