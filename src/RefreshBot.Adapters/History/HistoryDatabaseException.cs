namespace RefreshBot.Adapters.History;

/// <summary>
/// The history database could not be used. Its message names the server, database and user and what went wrong,
/// never the connection string or its password; the driver's exception is deliberately not attached (its text is
/// copied, with any trace of the password removed).
/// </summary>
public sealed class HistoryDatabaseException : Exception
{
    public HistoryDatabaseException(string message)
        : base(message)
    {
    }

    public HistoryDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HistoryDatabaseException()
    {
    }

    /// <summary>PostgreSQL's SQLSTATE when the server refused something (e.g. <c>28P01</c>: wrong password), else null.</summary>
    public string? SqlState { get; init; }
}
