using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>Run outcomes as of an instant (the weekly digest).</summary>
public abstract partial class SqlRefreshHistory
{
    public async Task<IReadOnlyList<RecordedRun>> LatestRunsAsync(DateTimeOffset asOf, CancellationToken cancellationToken) =>
        [
            .. (await ListAsync(
                """
                SELECT r.id, r.repository, r.started, r.finished, r.outcome, r.reason FROM runs r
                WHERE r.finished IS NOT NULL AND r.finished <= @t AND NOT EXISTS (
                    SELECT 1 FROM runs n WHERE n.repository = r.repository AND n.finished IS NOT NULL AND n.finished <= @t
                    AND (n.finished > r.finished OR (n.finished = r.finished AND n.id > r.id)))
                """,
                [("t", Dialect.Time(asOf))],
                ReadRun,
                cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Repository, StringComparer.Ordinal),
        ];

    public Task<DateTimeOffset?> FirstRunStartedAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, ct) =>
        {
            using var command = Command(connection, null, "SELECT started FROM runs ORDER BY started LIMIT 1", []);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Dialect.ReadTime(reader, 0) : (DateTimeOffset?)null;
        }, cancellationToken);

    private RecordedRun ReadRun(System.Data.Common.DbDataReader reader) => new(
        Long(reader, 0), reader.GetString(1), Dialect.ReadTime(reader, 2),
        reader.IsDBNull(3) ? null : Dialect.ReadTime(reader, 3),
        reader.IsDBNull(4) ? null : Enum.Parse<RunOutcome>(reader.GetString(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
