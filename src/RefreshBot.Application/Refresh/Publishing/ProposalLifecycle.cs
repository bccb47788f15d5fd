using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Proposals;

namespace RefreshBot.Application.Refresh.Publishing;

/// <summary>
/// Keeps the history's record of a branch's refresh pull requests in step with the code host: opened (the host's
/// creation time, else when first recorded), merged or closed (the host's closing time, else when the bot noticed,
/// never moved once recorded), title, and the updates read from the body's hidden state block.
/// </summary>
internal static class ProposalLifecycle
{
    /// <summary>
    /// Records the end of every pull request of <paramref name="branch"/> the history knows as open and the host now
    /// shows merged or closed (e.g. merged, then replaced by a new pull request on the same branch).
    /// </summary>
    public static async Task NoticeClosedAsync(
        GroupContext context, string branch, IReadOnlyList<PullRequestInfo> pullRequests, IReadOnlyList<RecordedProposal> known, CancellationToken cancellationToken)
    {
        foreach (var pullRequest in pullRequests.Where(p => p.State != PullRequestState.Open))
        {
            if (known.FirstOrDefault(k => k.Number == pullRequest.Number) is { Open: true } recorded)
            {
                await context.History.RecordProposalAsync(
                    context.Repository.Id, Record(branch, pullRequest, pullRequest.State, recorded, context.Now, []), context.Now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The history's record of <paramref name="pullRequest"/> in <paramref name="state"/> (it may differ: the bot is closing it).</summary>
    /// <param name="known">What the history knew about it, if anything.</param>
    /// <param name="proposed">The updates when the body carries no readable state block.</param>
    public static RecordedProposal Record(
        string branch, PullRequestInfo pullRequest, PullRequestState state, RecordedProposal? known, DateTimeOffset now, IReadOnlyList<ProposedUpdate> proposed)
    {
        DateTimeOffset? closed = state == PullRequestState.Open
            ? null
            : pullRequest.ClosedAt ?? (known is { Open: false, Closed: { } before } ? before : now);
        var opened = pullRequest.CreatedAt ?? known?.Opened ?? (closed is { } end && end < now ? end : now);
        var updates = ProposalState.TryRead(pullRequest.Body, out var block, out _) ? block.Updates : proposed;
        return new RecordedProposal(branch, pullRequest.Number, pullRequest.Url, state)
        {
            Title = pullRequest.Title,
            Opened = opened,
            Closed = closed,
            Updates = [.. updates.Select(RecordedUpdate.Of)],
        };
    }
}
