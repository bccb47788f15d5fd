namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// The history as people browse it (the dashboard): runs across the fleet, every pull request of a repository, the
/// Dockerfiles the history knows of. Read only.
/// </summary>
public interface IHistoryLog
{
    /// <summary>The newest runs of every repository (running ones too), newest first; only those with <paramref name="outcome"/> when given.</summary>
    Task<IReadOnlyList<RecordedRun>> RecentRunsAsync(RunOutcome? outcome, int limit, CancellationToken cancellationToken);

    /// <summary>Every recorded pull request of <paramref name="repository"/> (any branch, any state), newest number first.</summary>
    Task<IReadOnlyList<RecordedProposal>> RepositoryProposalsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>
    /// Dockerfiles (paths in their repository) the history names: changed by a recorded pull request or built by an
    /// evaluation. Sorted by repository, then path.
    /// </summary>
    Task<IReadOnlyList<KnownDockerfile>> KnownDockerfilesAsync(CancellationToken cancellationToken);
}

/// <param name="Path">The Dockerfile's path relative to the repository root.</param>
public sealed record KnownDockerfile(string Repository, string Path);
