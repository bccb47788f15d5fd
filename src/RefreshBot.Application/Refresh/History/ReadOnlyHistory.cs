namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// The history as a dry run sees it: reads go to the real store, writes are dropped (a new digest's first-seen
/// time is <c>now</c>, never recorded).
/// </summary>
public sealed class ReadOnlyHistory(IRefreshHistory inner) : IRefreshHistory
{
    private long _runs;

    public Task<DateTimeOffset?> FindFirstSeenAsync(DigestSighting sighting, CancellationToken cancellationToken) =>
        inner.FindFirstSeenAsync(sighting, cancellationToken);

    public async Task<DateTimeOffset> DigestSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken) =>
        await inner.FindFirstSeenAsync(sighting, cancellationToken).ConfigureAwait(false) ?? now;

    public async Task<TagSighting> TagSeenAsync(DigestSighting sighting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var firstSeen = await DigestSeenAsync(sighting, now, cancellationToken).ConfigureAwait(false);
        var last = await inner.LastDigestAsync(sighting.Image, sighting.Tag, sighting.Platform, cancellationToken).ConfigureAwait(false);
        return new TagSighting(firstSeen, last is not null && last.Digest != sighting.Digest ? last : null);
    }

    public Task<LastDigest?> LastDigestAsync(string image, string tag, string platform, CancellationToken cancellationToken) =>
        inner.LastDigestAsync(image, tag, platform, cancellationToken);

    public Task<IReadOnlyList<RecordedDrift>> DriftsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.DriftsAsync(since, cancellationToken);

    public Task<long> RunStartedAsync(string repository, DateTimeOffset started, CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _runs));

    public Task RunFinishedAsync(long run, DateTimeOffset finished, RunOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task<IReadOnlyList<RecordedRun>> RunsAsync(string repository, int limit, CancellationToken cancellationToken) =>
        inner.RunsAsync(repository, limit, cancellationToken);

    public Task<IReadOnlyList<RecordedProposal>> OpenProposalsAsync(string repository, CancellationToken cancellationToken) =>
        inner.OpenProposalsAsync(repository, cancellationToken);

    public Task<IReadOnlyList<RecordedProposal>> ProposalsAsync(string repository, string branch, CancellationToken cancellationToken) =>
        inner.ProposalsAsync(repository, branch, cancellationToken);

    public Task<IReadOnlyList<RepositoryProposal>> ProposalsTouchingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ProposalsTouchingAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<RecordedRun>> LatestRunsAsync(DateTimeOffset asOf, CancellationToken cancellationToken) =>
        inner.LatestRunsAsync(asOf, cancellationToken);

    public Task<DateTimeOffset?> FirstRunStartedAsync(CancellationToken cancellationToken) =>
        inner.FirstRunStartedAsync(cancellationToken);

    public Task<IReadOnlyList<RecordedEvaluation>> LatestEvaluationsAsync(DateTimeOffset asOf, CancellationToken cancellationToken) =>
        inner.LatestEvaluationsAsync(asOf, cancellationToken);

    public Task RecordProposalAsync(string repository, RecordedProposal proposal, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task<IReadOnlySet<int>> ClosedByBotAsync(string repository, CancellationToken cancellationToken) =>
        inner.ClosedByBotAsync(repository, cancellationToken);

    public Task RecordClosedByBotAsync(string repository, int number, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RecordEvaluationAsync(RecordedEvaluation evaluation, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task<IReadOnlyList<RecordedEvaluation>> EvaluationsAsync(string? repository, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.EvaluationsAsync(repository, since, cancellationToken);
}
