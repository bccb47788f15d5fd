using System.Data.Common;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.History;

/// <summary>Refresh pull requests through their lifecycle (schema version 5): one row per number, its updates beside it.</summary>
public abstract partial class SqlRefreshHistory
{
    private const string ProposalColumns = "pr.repository, pr.number, pr.branch, pr.url, pr.state, pr.title, pr.opened, pr.closed";

    public Task RecordProposalAsync(string repository, RecordedProposal proposal, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(async (transaction, ct) =>
        {
            var connection = transaction.Connection!;
            await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO pull_requests (repository, number, branch, url, state, title, opened, closed, updated)
                VALUES (@r, @n, @b, @u, @s, @title, @opened, @closed, @now)
                ON CONFLICT (repository, number) DO UPDATE SET branch=excluded.branch, url=excluded.url, state=excluded.state,
                    title=excluded.title, closed=excluded.closed, updated=excluded.updated
                """,
                [
                    ("r", repository), ("n", proposal.Number), ("b", proposal.Branch), ("u", proposal.Url), ("s", proposal.State.ToString()),
                    ("title", proposal.Title), ("opened", Dialect.Time(proposal.Opened ?? now)),
                    ("closed", proposal.Closed is { } closed ? Dialect.Time(closed) : null), ("now", Dialect.Time(now)),
                ],
                ct).ConfigureAwait(false);
            if (proposal.Updates.Count == 0)
            {
                return 0;
            }

            await ExecuteAsync(
                connection, transaction, "DELETE FROM pull_request_updates WHERE repository=@r AND number=@n", [("r", repository), ("n", proposal.Number)], ct)
                .ConfigureAwait(false);
            for (var position = 0; position < proposal.Updates.Count; position++)
            {
                var update = proposal.Updates[position];
                await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO pull_request_updates (repository, number, position, dockerfile, image, tag, from_digest, to_digest, platform, first_seen)
                    VALUES (@r, @n, @p, @d, @i, @t, @from, @to, @platform, @seen)
                    """,
                    [
                        ("r", repository), ("n", proposal.Number), ("p", position), ("d", update.Dockerfile), ("i", update.Image), ("t", update.Tag),
                        ("from", update.From), ("to", update.To), ("platform", update.Platform),
                        ("seen", update.FirstSeen is { } seen ? Dialect.Time(seen) : null),
                    ],
                    ct).ConfigureAwait(false);
            }

            return proposal.Updates.Count;
        }, cancellationToken);

    public async Task<IReadOnlyList<RecordedProposal>> OpenProposalsAsync(string repository, CancellationToken cancellationToken) =>
        [
            .. (await ReadProposalsAsync("pr.repository=@r AND pr.state='Open'", [("r", repository)], cancellationToken).ConfigureAwait(false))
                .Select(p => p.Proposal)
                .GroupBy(p => p.Branch, StringComparer.Ordinal)
                .Select(g => g.MaxBy(p => p.Number)!)
                .OrderBy(p => p.Branch, StringComparer.Ordinal),
        ];

    public async Task<IReadOnlyList<RecordedProposal>> ProposalsAsync(string repository, string branch, CancellationToken cancellationToken) =>
        [
            .. (await ReadProposalsAsync("pr.repository=@r AND pr.branch=@b", [("r", repository), ("b", branch)], cancellationToken).ConfigureAwait(false))
                .Select(p => p.Proposal)
                .OrderByDescending(p => p.Number),
        ];

    public Task<IReadOnlyList<RepositoryProposal>> ProposalsTouchingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadProposalsAsync("pr.opened <= @to AND (pr.closed IS NULL OR pr.closed >= @from)", [("from", Dialect.Time(from)), ("to", Dialect.Time(to))], cancellationToken);

    /// <summary>The pull requests matching <paramref name="where"/> (on <c>pull_requests pr</c>) with their updates, by repository then number.</summary>
    private Task<IReadOnlyList<RepositoryProposal>> ReadProposalsAsync(string where, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<RepositoryProposal>>(async (connection, ct) =>
        {
            var updates = new Dictionary<(string, int), List<RecordedUpdate>>();
            using (var command = Command(
                connection,
                null,
                $"""
                SELECT u.repository, u.number, u.dockerfile, u.image, u.tag, u.from_digest, u.to_digest, u.platform, u.first_seen
                FROM pull_request_updates u JOIN pull_requests pr ON pr.repository = u.repository AND pr.number = u.number
                WHERE {where} ORDER BY u.repository, u.number, u.position
                """,
                parameters))
            {
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var key = (reader.GetString(0), Int(reader, 1));
                    if (!updates.TryGetValue(key, out var list))
                    {
                        updates[key] = list = [];
                    }

                    list.Add(new RecordedUpdate(
                        reader.GetString(2), reader.GetString(3), NullableText(reader, 4), NullableText(reader, 5), reader.GetString(6), reader.GetString(7),
                        reader.IsDBNull(8) ? null : Dialect.ReadTime(reader, 8)));
                }
            }

            var proposals = new List<RepositoryProposal>();
            using (var command = Command(connection, null, $"SELECT {ProposalColumns} FROM pull_requests pr WHERE {where}", parameters))
            {
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var key = (reader.GetString(0), Int(reader, 1));
                    proposals.Add(new RepositoryProposal(key.Item1, ReadProposal(reader) with { Updates = updates.GetValueOrDefault(key) ?? [] }));
                }
            }

            return [.. proposals.OrderBy(p => p.Repository, StringComparer.Ordinal).ThenBy(p => p.Proposal.Number)];
        }, cancellationToken);

    private RecordedProposal ReadProposal(DbDataReader reader) =>
        new(reader.GetString(2), Int(reader, 1), reader.GetString(3), Enum.Parse<PullRequestState>(reader.GetString(4)))
        {
            Title = reader.GetString(5),
            Opened = Dialect.ReadTime(reader, 6),
            Closed = reader.IsDBNull(7) ? null : Dialect.ReadTime(reader, 7),
        };

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
