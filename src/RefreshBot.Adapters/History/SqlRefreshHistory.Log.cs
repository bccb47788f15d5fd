using RefreshBot.Application.Refresh.History;

namespace RefreshBot.Adapters.History;

/// <summary>The history as people browse it (<see cref="IHistoryLog"/>, the dashboard).</summary>
public abstract partial class SqlRefreshHistory
{
    public Task<IReadOnlyList<RecordedRun>> RecentRunsAsync(RunOutcome? outcome, int limit, CancellationToken cancellationToken) =>
        outcome is { } wanted
            ? ListAsync(
                "SELECT id, repository, started, finished, outcome, reason FROM runs WHERE outcome=@o ORDER BY id DESC LIMIT @n",
                [("o", wanted.ToString()), ("n", limit)],
                ReadRun,
                cancellationToken)
            : ListAsync(
                "SELECT id, repository, started, finished, outcome, reason FROM runs ORDER BY id DESC LIMIT @n",
                [("n", limit)],
                ReadRun,
                cancellationToken);

    public async Task<IReadOnlyList<RecordedProposal>> RepositoryProposalsAsync(string repository, CancellationToken cancellationToken) =>
        [
            .. (await ReadProposalsAsync("pr.repository=@r", [("r", repository)], cancellationToken).ConfigureAwait(false))
                .Select(p => p.Proposal)
                .OrderByDescending(p => p.Number),
        ];

    /// <remarks>Sorted here, ordinally: a PostgreSQL database's collation may sort text otherwise.</remarks>
    public async Task<IReadOnlyList<KnownDockerfile>> KnownDockerfilesAsync(CancellationToken cancellationToken) =>
        [
            .. (await ListAsync(
                """
                SELECT repository, dockerfile FROM repository_dockerfiles
                UNION
                SELECT repository, dockerfile FROM pull_request_updates
                UNION
                SELECT e.repository, d.dockerfile FROM evaluation_dockerfiles d JOIN evaluations e ON e.id = d.evaluation
                """,
                [],
                reader => new KnownDockerfile(reader.GetString(0), reader.GetString(1)),
                cancellationToken).ConfigureAwait(false))
                .OrderBy(d => d.Repository, StringComparer.Ordinal)
                .ThenBy(d => d.Path, StringComparer.Ordinal),
        ];
}
