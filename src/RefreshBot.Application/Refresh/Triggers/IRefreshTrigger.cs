namespace RefreshBot.Application.Refresh.Triggers;

/// <summary>
/// Asks for refreshes to run sooner than their schedule (events: registry push notifications, GitHub webhooks, the
/// manual trigger). Debounced: a repository has at most one pending early run; asking again while one is pending
/// changes nothing. Never runs the refresh itself (the scheduler does, with its usual guarantees).
/// </summary>
public interface IRefreshTrigger
{
    /// <summary>Requests an early run of <paramref name="repositoryId"/> (its config id, e.g. <c>github:owner/name</c>).</summary>
    /// <param name="reason">Short, secret-free reason kept in the logs, e.g. <c>registry push docker.io/library/node:22</c>.</param>
    Task<TriggerResult> RequestAsync(string repositoryId, string reason, CancellationToken cancellationToken);

    /// <summary>Requests an early run of every tracked repository; returns how many runs were newly requested.</summary>
    Task<int> RequestAllAsync(string reason, CancellationToken cancellationToken);

    /// <summary>The ids of the tracked repositories (what <see cref="RequestAsync"/> accepts).</summary>
    IReadOnlyCollection<string> Repositories { get; }
}

public enum TriggerResult
{
    /// <summary>An early run is now pending.</summary>
    Requested,

    /// <summary>An early run was already pending (debounced): nothing changed.</summary>
    AlreadyPending,

    /// <summary>No tracked repository has that id.</summary>
    UnknownRepository,
}
