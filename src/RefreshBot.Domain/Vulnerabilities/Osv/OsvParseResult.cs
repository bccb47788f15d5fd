namespace RefreshBot.Domain.Vulnerabilities.Osv;

/// <summary>Either a record or an error naming where it came from (file, record id) and what is wrong.</summary>
public sealed record OsvParseResult
{
    private OsvParseResult(OsvRecord? record, string? error)
    {
        Record = record;
        Error = error;
    }

    public OsvRecord? Record { get; }

    /// <summary><c>origin: id: reason</c>, or null when parsed.</summary>
    public string? Error { get; }

    public bool IsSuccess => Record is not null;

    public static OsvParseResult Success(OsvRecord record) => new(record, null);

    public static OsvParseResult Failure(string error) => new(null, error);
}
