using System.Collections.Concurrent;
using RefreshBot.Application.Refresh.Triggers;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>
/// An <see cref="IRefreshTrigger"/> that records what was asked (the real, debounced one is the scheduler's): a repository
/// asked for again while its request is pending answers <see cref="TriggerResult.AlreadyPending"/>.
/// </summary>
public sealed class RecordingTrigger(params string[] repositories) : IRefreshTrigger
{
    private readonly ConcurrentQueue<(string Repository, string Reason)> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Repositories => repositories;

    /// <summary>Every request for a known repository, in order (pending or not).</summary>
    public IReadOnlyList<(string Repository, string Reason)> Requests => [.. _requests];

    public IReadOnlyCollection<string> Pending => [.. _pending.Keys.Order(StringComparer.Ordinal)];

    public Task<TriggerResult> RequestAsync(string repositoryId, string reason, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!repositories.Contains(repositoryId, StringComparer.Ordinal))
        {
            return Task.FromResult(TriggerResult.UnknownRepository);
        }

        _requests.Enqueue((repositoryId, reason));
        return Task.FromResult(_pending.TryAdd(repositoryId, true) ? TriggerResult.Requested : TriggerResult.AlreadyPending);
    }

    public async Task<int> RequestAllAsync(string reason, CancellationToken cancellationToken)
    {
        var requested = 0;
        foreach (var repository in repositories)
        {
            requested += await RequestAsync(repository, reason, cancellationToken) == TriggerResult.Requested ? 1 : 0;
        }

        return requested;
    }

    /// <summary>The scheduler ran the pending refreshes.</summary>
    public void RunPending() => _pending.Clear();
}
